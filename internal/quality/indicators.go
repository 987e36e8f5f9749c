package quality

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// The indicators of seed 004 entered per school and year (percentages).
const (
	IndAcademic = "academic" // 学业水平考试合格率
	IndPass     = "pass"     // 合格性考试合格率
	IndLine     = "line"     // 高考三线上线率
)

// IndicatorNames are the Chinese names of the indicators, in page order.
var IndicatorNames = map[string]string{IndAcademic: "学业水平考试合格率", IndPass: "合格性考试合格率", IndLine: "高考三线上线率"}

// IndicatorOrder is the page order of the indicators.
var IndicatorOrder = []string{IndAcademic, IndPass, IndLine}

// SetIndicator records a school's indicator for a 学年 (a percentage
// 0–100), replacing an earlier value. The school must be in scope.
func (s *Service) SetIndicator(ctx context.Context, actor app.Actor, schoolID int64, year int, indicator string, value float64) error {
	if err := actor.Require(PermManage); err != nil {
		return err
	}
	switch {
	case IndicatorNames[indicator] == "":
		return app.Invalid("indicator", "请选择指标")
	case year < 2000 || year > 2100:
		return app.Invalid("year", "请填写学年")
	case math.IsNaN(value) || value < 0 || value > 100:
		return app.Invalid("value", "%s应在0到100之间（百分比）", IndicatorNames[indicator])
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var path, name, kind string
		err := tx.QueryRow(ctx, "SELECT path, name, kind FROM orgs WHERE id = ?", schoolID).Scan(&path, &name, &kind)
		if err != nil || kind != org.KindSchool || !auth.InScope(actor, path, schoolID, 0) {
			return app.Invalid("school_id", "学校不存在或不在您的管辖范围内")
		}
		_, err = tx.Exec(ctx, `INSERT INTO quality_indicators (school_id, school_year, indicator, value, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (school_id, school_year, indicator) DO UPDATE SET value = excluded.value,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			schoolID, year, indicator, value, actor.Username, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "exam.indicator", "quality_indicator", schoolID,
			fmt.Sprintf("填写%s：%s %d学年 %s%%", IndicatorNames[indicator], name, year, strconv.FormatFloat(value, 'f', -1, 64)), nil, nil)
	})
}

// countyYearKey is a county and a 学年 of the indicators page.
type countyYearKey struct {
	county string
	year   int
}

// CountyYear is one line of the 004 indicators page: a county in a 学年.
type CountyYear struct {
	County     string
	Year       int
	Indicators map[string]*float64 // mean over the county's schools with a value
	Schools    map[string]int      // how many schools the mean is over
	Strong     string              // 优势学科: the highest mean 标准分 over the year's exams
	Weak       string              // 薄弱学科: the lowest, when below the region's rule
	WeakNote   string              // why no 薄弱学科 is named: 本区域未设定规则：… when the rule is unset
	worst      float64             // the lowest mean 标准分
	region     string              // the region whose rule applies (the exams' organiser's)
}

// FindIndicators returns, per county in the actor's scope and 学年 (newest
// first), the entered indicators and the 优势/薄弱学科 of the year's analysed
// exams (the subject with the highest and lowest county 标准分, averaged
// over the exams).
func (s *Service) FindIndicators(ctx context.Context, actor app.Actor) ([]CountyYear, error) {
	if !actor.Can(PermView) {
		return nil, app.Errorf(app.EFORBIDDEN, "您没有查看质量监测的权限")
	}
	lines := map[countyYearKey]*CountyYear{}
	line := func(c string, y int) *CountyYear {
		k := countyYearKey{c, y}
		if lines[k] == nil {
			lines[k] = &CountyYear{County: c, Year: y, Indicators: map[string]*float64{}, Schools: map[string]int{}}
		}
		return lines[k]
	}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		where, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
		rows, err := tx.Query(ctx, `SELECT r.name, i.school_year, i.indicator, AVG(i.value), COUNT(*) FROM quality_indicators i
			JOIN orgs o ON o.id = i.school_id JOIN regions r ON r.code = o.region_code WHERE `+where+`
			GROUP BY r.name, i.school_year, i.indicator`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c, ind string
			var y, n int
			var v float64
			if err := rows.Scan(&c, &y, &ind, &v, &n); err != nil {
				return err
			}
			l := line(c, y)
			v = math.Round(v*10) / 10
			l.Indicators[ind], l.Schools[ind] = &v, n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return subjectExtremes(ctx, tx, actor, line)
	})
	if err == nil {
		err = s.applyWeakRule(ctx, lines)
	}
	var out []CountyYear
	for _, l := range lines {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year > out[j].Year
		}
		return out[i].County < out[j].County
	})
	return out, err
}

// subjectExtremes sets Strong and Weak from the county records of the
// analysed exams the actor sees.
func subjectExtremes(ctx context.Context, tx *db.Tx, actor app.Actor, line func(string, int) *CountyYear) error {
	where, args := auth.ScopeWhere(actor, "g.scope_path", "g.school_id", "")
	rows, err := tx.Query(ctx, `SELECT e.school_year, e.region_code, g.subject, g.figures FROM quality_report_groups g
		JOIN quality_exams e ON e.report_id = g.report_id WHERE g.level = 'county' AND g.subject <> '总分' AND `+where, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	type acc struct{ sum, n float64 }
	sums := map[string]map[string]*acc{} // "county/year" -> subject
	years := map[string][2]any{}
	for rows.Next() {
		var y int
		var region, subj, fig string
		if err := rows.Scan(&y, &region, &subj, &fig); err != nil {
			return err
		}
		var g Group
		if err := jsonUnmarshal(fig, &g); err != nil || g.TScore == nil {
			continue
		}
		k := g.County + "/" + strconv.Itoa(y)
		years[k] = [2]any{g.County, y}
		if l := line(g.County, y); l.region == "" {
			l.region = region
		}
		if sums[k] == nil {
			sums[k] = map[string]*acc{}
		}
		if sums[k][subj] == nil {
			sums[k][subj] = &acc{}
		}
		sums[k][subj].sum += *g.TScore
		sums[k][subj].n++
	}
	for k, subs := range sums {
		l := line(years[k][0].(string), years[k][1].(int))
		best, worst := -math.MaxFloat64, math.MaxFloat64
		for subj, a := range subs {
			m := a.sum / a.n
			if m > best || m == best && subj < l.Strong {
				best, l.Strong = m, subj
			}
			if m < worst || m == worst && subj < l.Weak {
				worst, l.Weak = m, subj
			}
		}
		l.worst = worst
	}
	return rows.Err()
}

// applyWeakRule keeps a line's 薄弱学科 only when its mean 标准分 is below
// the region's rule 薄弱学科：标准分低于 for the year; with the rule unset the
// line names none and says so. Without a policy service (tests, the
// command line) the lowest subject stays.
func (s *Service) applyWeakRule(ctx context.Context, lines map[countyYearKey]*CountyYear) error {
	if s.Policy == nil {
		return nil
	}
	def, _ := policy.Def(policy.RuleQualityWeakSubjectT)
	for _, l := range lines {
		if l.Weak == "" {
			continue
		}
		v, ok, err := s.Policy.ValueFor(ctx, l.region, policy.RuleQualityWeakSubjectT, l.Year)
		if err != nil {
			return err
		}
		switch {
		case !ok:
			l.Weak, l.WeakNote = "", policy.NotSetText(def)
		case l.worst >= v:
			l.Weak, l.WeakNote = "", fmt.Sprintf("无（各科标准分不低于%g）", v)
		}
	}
	return nil
}

// IndicatorRow is one row of an indicators file: a school by 学校标识码, a
// 学年, and the indicators the row gives (percentages).
type IndicatorRow struct {
	Row        int
	SchoolCode string
	Year       int
	Values     map[string]float64
}

// ImportIndicators writes the rows of an indicators file, all or nothing:
// any row naming a school out of scope or a value out of 0–100 is reported
// (RowErrors) and nothing is written. It returns how many values it wrote.
func (s *Service) ImportIndicators(ctx context.Context, actor app.Actor, rows []IndicatorRow) (int, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	n := 0
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var bad []*app.Error
		for _, r := range rows {
			var id int64
			var path string
			err := tx.QueryRow(ctx, "SELECT id, path FROM orgs WHERE school_code = ? AND kind = 'school'", r.SchoolCode).Scan(&id, &path)
			if err != nil || !auth.InScope(actor, path, id, 0) {
				bad = append(bad, &app.Error{Code: app.EINVALID, Row: r.Row, Field: "学校标识码", Message: "学校标识码“" + r.SchoolCode + "”不存在或不在您的管辖范围内"})
				continue
			}
			for _, ind := range IndicatorOrder {
				v, ok := r.Values[ind]
				if !ok {
					continue
				}
				if v < 0 || v > 100 {
					bad = append(bad, &app.Error{Code: app.EINVALID, Row: r.Row, Field: IndicatorNames[ind], Message: IndicatorNames[ind] + "应在0到100之间"})
					continue
				}
				if _, err := tx.Exec(ctx, `INSERT INTO quality_indicators (school_id, school_year, indicator, value, updated_by, updated_at)
					VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (school_id, school_year, indicator) DO UPDATE SET value = excluded.value,
					updated_by = excluded.updated_by, updated_at = excluded.updated_at`, id, r.Year, ind, v, actor.Username, s.now().UnixMilli()); err != nil {
					return err
				}
				n++
			}
		}
		if len(bad) > 0 {
			return RowErrors{All: bad}
		}
		return audit.RecordChange(ctx, tx, actor, "exam.indicators_import", "quality_indicator", 0,
			fmt.Sprintf("导入学业质量指标 %d 项", n), nil, nil)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
