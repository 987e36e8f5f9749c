package main

import (
	"database/sql"
	"fmt"
	"strings"

	"jiaoyan/internal/quality/analysis/gen"
)

// groupKey names one group statistic row.
type groupKey struct{ level, county, school, class, subject string }

type groupRow struct {
	n                          int
	mean, sd, min, max         float64
	median, q1, q3             float64
	pass, good, excellent, low float64
}

type itemKey struct{ subject, item string }

type itemRow struct{ difficulty, discrimination, pointBiserial, correctedR float64 }

type duckResults struct {
	groups map[groupKey]groupRow
	items  map[itemKey]itemRow
}

// runDuckDB loads the CSV files and computes the figures in SQL.
func runDuckDB(f gen.Files, threads int) (*duckResults, error) {
	db, err := open(threads)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	k, err := load(db, f)
	if err != nil {
		return nil, err
	}
	res := &duckResults{groups: map[groupKey]groupRow{}, items: map[itemKey]itemRow{}}
	if err := groupStats(db, res); err != nil {
		return nil, err
	}
	return res, itemStats(db, res, k)
}

// load reads items and scores and builds the long table of subject totals:
// scored(id, county, school, class, subject, full, score), blanks as 0 and
// absent rows dropped, plus the 总分 rows of students scored in every subject.
// It returns the number of item columns.
func load(db *sql.DB, f gen.Files) (int, error) {
	stmts := []string{
		fmt.Sprintf(`CREATE TABLE items AS SELECT * FROM read_csv('%s', header = true, all_varchar = true)`, f.Items),
		fmt.Sprintf(`CREATE TABLE scores AS SELECT * FROM read_csv('%s', header = true, types = {'考号': 'VARCHAR', '缺考': 'VARCHAR'})`, f.Scores),
		`CREATE TABLE fulls AS SELECT 科目 AS subject, sum(CAST(满分 AS DOUBLE)) AS fullmarks FROM items GROUP BY 科目`,
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return 0, fmt.Errorf("%s: %w", s, err)
		}
	}
	var k int
	if err := db.QueryRow(`SELECT count(*) FROM (DESCRIBE scores) WHERE column_name LIKE '第%题'`).Scan(&k); err != nil {
		return 0, err
	}
	sum := make([]string, k)
	for j := range sum {
		sum[j] = fmt.Sprintf(`coalesce("第%d题", 0)`, j+1)
	}
	var nsub int
	var total float64
	if err := db.QueryRow(`SELECT count(*), sum(fullmarks) FROM fulls`).Scan(&nsub, &total); err != nil {
		return 0, err
	}
	q := fmt.Sprintf(`CREATE TABLE scored AS
WITH present AS (
  SELECT 考号 AS id, 县区 AS county, 学校 AS school, 班级 AS klass, 科目 AS subject, %s AS score
  FROM scores WHERE coalesce(缺考, '') <> '1')
SELECT p.id, p.county, p.school, p.klass, p.subject, f.fullmarks, p.score FROM present p JOIN fulls f ON p.subject = f.subject
UNION ALL
SELECT id, any_value(county), any_value(school), any_value(klass), '总分', %g, sum(score)
FROM present GROUP BY id HAVING count(*) = %d`, strings.Join(sum, " + "), total, nsub)
	if _, err := db.Exec(q); err != nil {
		return 0, fmt.Errorf("scored: %w", err)
	}
	return k, nil
}

// groupStats computes every level's statistics with one GROUPING SETS query.
func groupStats(db *sql.DB, res *duckResults) error {
	rows, err := db.Query(`
SELECT CASE WHEN grouping(county) = 1 THEN 'region' WHEN grouping(school) = 1 THEN 'county'
            WHEN grouping(klass) = 1 THEN 'school' ELSE 'class' END,
  coalesce(county, ''), coalesce(school, ''), coalesce(klass, ''), subject,
  count(*), avg(score), stddev_pop(score), min(score), max(score),
  quantile_cont(score, 0.5), quantile_cont(score, 0.25), quantile_cont(score, 0.75),
  avg(CASE WHEN score >= 0.60 * fullmarks - 1e-9 THEN 1 ELSE 0 END),
  avg(CASE WHEN score >= 0.75 * fullmarks - 1e-9 THEN 1 ELSE 0 END),
  avg(CASE WHEN score >= 0.85 * fullmarks - 1e-9 THEN 1 ELSE 0 END),
  avg(CASE WHEN score < 0.40 * fullmarks - 1e-9 THEN 1 ELSE 0 END)
FROM scored
GROUP BY GROUPING SETS ((subject), (subject, county), (subject, county, school), (subject, county, school, klass))`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k groupKey
		var g groupRow
		if err := rows.Scan(&k.level, &k.county, &k.school, &k.class, &k.subject, &g.n, &g.mean, &g.sd, &g.min, &g.max,
			&g.median, &g.q1, &g.q3, &g.pass, &g.good, &g.excellent, &g.low); err != nil {
			return err
		}
		res.groups[k] = g
	}
	return rows.Err()
}

// itemStats computes difficulty, top/bottom-27% discrimination, point-biserial
// and corrected item-total r for every item column of every subject.
func itemStats(db *sql.DB, res *duckResults, k int) error {
	var sels []string
	for j := 1; j <= k; j++ {
		x := fmt.Sprintf(`coalesce("第%d题", 0)`, j)
		sels = append(sels, fmt.Sprintf(`avg(%[1]s), avg(%[1]s) FILTER (WHERE rk <= g) - avg(%[1]s) FILTER (WHERE rk > n - g), corr(%[1]s, total), corr(%[1]s, total - %[1]s)`, x))
	}
	sum := make([]string, k)
	for j := range sum {
		sum[j] = fmt.Sprintf(`coalesce("第%d题", 0)`, j+1)
	}
	q := `WITH t AS (
  SELECT *, ` + strings.Join(sum, " + ") + ` AS total FROM scores WHERE coalesce(缺考, '') <> '1'),
r AS (
  SELECT *, row_number() OVER (PARTITION BY 科目 ORDER BY total DESC, 考号 ASC) AS rk,
         count(*) OVER (PARTITION BY 科目) AS n, round(0.27 * count(*) OVER (PARTITION BY 科目)) AS g FROM t)
SELECT 科目, ` + strings.Join(sels, ",\n  ") + ` FROM r GROUP BY 科目`
	rows, err := db.Query(q)
	if err != nil {
		return err
	}
	defer rows.Close()
	fulls, err := itemFulls(db)
	if err != nil {
		return err
	}
	for rows.Next() {
		var subject string
		vals := make([]sql.NullFloat64, 4*k)
		dest := []any{&subject}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for j := 1; j <= k; j++ {
			full, ok := fulls[itemKey{subject, fmt.Sprint(j)}]
			if !ok {
				continue
			}
			v := vals[4*(j-1):]
			res.items[itemKey{subject, fmt.Sprint(j)}] = itemRow{v[0].Float64 / full, v[1].Float64 / full, v[2].Float64, v[3].Float64}
		}
	}
	return rows.Err()
}

func itemFulls(db *sql.DB) (map[itemKey]float64, error) {
	rows, err := db.Query(`SELECT 科目, 题号, CAST(满分 AS DOUBLE) FROM items`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[itemKey]float64{}
	for rows.Next() {
		var k itemKey
		var full float64
		if err := rows.Scan(&k.subject, &k.item, &full); err != nil {
			return nil, err
		}
		out[k] = full
	}
	return out, rows.Err()
}
