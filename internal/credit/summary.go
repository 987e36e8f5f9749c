package credit

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"jiaoyan/internal/db"
)

// bump adds an approved entry's amounts (or, with n = -1 and negated
// amounts, takes them away) to the person-year and person-year-category
// summaries, in the caller's transaction.
func bump(ctx context.Context, tx *db.Tx, personID int64, year int, category string, hours, credits float64, n int) error {
	if _, err := tx.Exec(ctx, `INSERT INTO credit_person_years (person_id, school_year, hours, credits, entries) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (person_id, school_year) DO UPDATE SET hours = credit_person_years.hours + excluded.hours,
		credits = credit_person_years.credits + excluded.credits, entries = credit_person_years.entries + excluded.entries`,
		personID, year, hours, credits, n); err != nil {
		return fmt.Errorf("学分年度汇总: %w", err)
	}
	_, err := tx.Exec(ctx, `INSERT INTO credit_person_year_categories (person_id, school_year, category, hours, credits, entries)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, school_year, category) DO UPDATE SET
		hours = credit_person_year_categories.hours + excluded.hours,
		credits = credit_person_year_categories.credits + excluded.credits,
		entries = credit_person_year_categories.entries + excluded.entries`, personID, year, category, hours, credits, n)
	if err != nil {
		return fmt.Errorf("学分类别汇总: %w", err)
	}
	return nil
}

// YearSum is a person's approved totals in one 学年 (and, with Category,
// of one category), read from the summaries.
type YearSum struct {
	PersonID   int64
	SchoolYear int
	Category   string // "" for the year's total
	Hours      float64
	Credits    float64
	Entries    int
}

// PersonSums returns personID's approved totals per 学年 from..to (the
// year rows, Category "") and per 学年 and category, in year order.
func PersonSums(ctx context.Context, tx *db.Tx, personID int64, from, to int) (years, cats []YearSum, err error) {
	years, err = db.QueryAll(ctx, tx, scanSum, `SELECT person_id, school_year, '', hours, credits, entries FROM credit_person_years
		WHERE person_id = ? AND school_year BETWEEN ? AND ? ORDER BY school_year`, personID, from, to)
	if err != nil {
		return nil, nil, err
	}
	cats, err = db.QueryAll(ctx, tx, scanSum, `SELECT person_id, school_year, category, hours, credits, entries
		FROM credit_person_year_categories WHERE person_id = ? AND school_year BETWEEN ? AND ? ORDER BY school_year, category`,
		personID, from, to)
	return years, cats, err
}

func scanSum(r db.Scanner) (YearSum, error) {
	var s YearSum
	err := r.Scan(&s.PersonID, &s.SchoolYear, &s.Category, &s.Hours, &s.Credits, &s.Entries)
	return s, err
}

// ScopePerson is a person of a scope-wide standing.
type ScopePerson struct {
	PersonID   int64
	OrgID      int64
	Name       string
	OrgName    string
	RegionCode string
}

// ScopePeople lists every active person of a school (orgs of kind school,
// of region when it is not "") matched by scope, an SQL condition over p
// as auth.ScopeWhere makes it with p.org_path, p.org_id and p.id, by school
// and name (sorted here, not by the database's collation, so both databases
// list alike and neither spills a sort to disk). The schools are read once
// into a map instead of joined to every person.
func ScopePeople(ctx context.Context, tx *db.Tx, scope string, args []any, region string) ([]ScopePerson, error) {
	type school struct{ name, region string }
	schools := map[int64]school{}
	rows, err := tx.Query(ctx, "SELECT id, name, region_code FROM orgs WHERE kind = 'school'")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var o school
		if err := rows.Scan(&id, &o.name, &o.region); err != nil {
			rows.Close()
			return nil, err
		}
		if region == "" || o.region == region {
			schools[id] = o
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var ps []ScopePerson
	rows, err = tx.Query(ctx, `SELECT p.id, p.org_id, p.name FROM people p WHERE p.active = TRUE AND `+scope, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var p ScopePerson
		if err := rows.Scan(&p.PersonID, &p.OrgID, &p.Name); err != nil {
			return nil, err
		}
		if o, ok := schools[p.OrgID]; ok {
			p.OrgName, p.RegionCode = o.name, o.region
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b ScopePerson) int {
		return cmp.Or(cmp.Compare(a.OrgName, b.OrgName), cmp.Compare(a.OrgID, b.OrgID), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.PersonID, b.PersonID))
	})
	return ps, rows.Err()
}

// wideScope is how many people make a scope wide: its sums are read for
// everyone and filtered in memory, cheaper than a join or a long IN list.
const wideScope = 5000

// CycleSum is a person's approved 学分 over 学年 from..to: the total, the
// last year's, and the totals of the categories asked.
type CycleSum struct {
	Raw, Year float64
	Capped    map[string]float64
}

// CycleSums sums, from the summaries, the approved 学分 of each person in
// people over 学年 from..to (Year: of to alone) and of each category listed.
// People without entries are absent from the map. One grouped read of the
// per-category summaries (clustered by person, so it groups as it reads)
// gives every figure: the cycle total, the year's and each capped
// category's, as conditional sums.
func CycleSums(ctx context.Context, tx *db.Tx, people map[int64]bool, from, to int, categories []string) (map[int64]*CycleSum, error) {
	out := map[int64]*CycleSum{}
	if len(people) == 0 {
		return out, nil
	}
	q, args := "SELECT person_id, SUM(credits), SUM(CASE WHEN school_year = ? THEN credits ELSE 0 END)", []any{to}
	for _, c := range categories {
		q += ", SUM(CASE WHEN category = ? THEN credits ELSE 0 END)"
		args = append(args, c)
	}
	q += " FROM credit_person_year_categories WHERE school_year BETWEEN ? AND ?"
	args = append(args, from, to)
	if len(people) <= wideScope {
		q += " AND person_id IN (" + db.In(len(people)) + ")"
		for id := range people {
			args = append(args, id)
		}
	}
	rows, err := tx.Query(ctx, q+" GROUP BY person_id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vals := make([]float64, 2+len(categories))
	dest := make([]any, 1+len(vals))
	var id int64
	dest[0] = &id
	for i := range vals {
		dest[i+1] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if !people[id] {
			continue
		}
		s := &CycleSum{Raw: round2(vals[0]), Year: round2(vals[1])}
		for i, c := range categories {
			if v := vals[2+i]; v != 0 {
				if s.Capped == nil {
					s.Capped = map[string]float64{}
				}
				s.Capped[c] = round2(v)
			}
		}
		out[id] = s
	}
	return out, rows.Err()
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
