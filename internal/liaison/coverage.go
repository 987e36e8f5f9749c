package liaison

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// Coverage is every school of a region against the 蹲点视导 coverage window
// (station.coverage_years 学年 from From): who went there and the gaps.
type Coverage struct {
	RegionCode string
	RegionName string
	From, To   int // first and last 学年 of the window
	Rows       []SchoolCoverage
	Gaps       int    // schools never visited in the window
	NoRule     string // 本区域未设定规则：… when the window's length is not set; the window is then the current 学年 alone
}

// SchoolCoverage is one school's visits (any purpose) inside the window.
type SchoolCoverage struct {
	SchoolID     int64
	SchoolName   string
	Kind         string // 乡村、薄弱、教学点
	Visits       int
	Days         int
	LastVisit    string
	StationTerms []string // 学期 with a station assigned in the window
}

// Gap reports whether the school had no visit at all inside the window.
func (r SchoolCoverage) Gap() bool { return r.Visits == 0 }

// StationText is the station terms joined for display.
func (r SchoolCoverage) StationText() string { return strings.Join(r.StationTerms, "、") }

// FindCoverage builds the coverage table for a region in the actor's scope.
// from 0 means the window ending with the current 学年.
//
// The table is kept in this process for the scope, region, window and day,
// and reused while report_version and policy_version stay (triggers raise
// them on every write the table reads: visits, orgs, regions, stations,
// station plans, the 学年 calendar and the rules; coverage_cache.go). The
// result is shared: a caller must not change it.
func (s *Service) FindCoverage(ctx context.Context, actor app.Actor, region string, from int) (Coverage, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Coverage{}, err
	}
	key := coverageKey{db: s.DB, scope: fmt.Sprint(actor.Scope, actor.PersonID), region: region, from: from,
		day: today(s).Format("2006-01-02")}
	at, err := readCoverageVersions(ctx, s.DB)
	if err != nil {
		return Coverage{}, err
	}
	if c, ok := coverageCache.Load(key); ok && c.(cachedCoverage).at == at {
		return c.(cachedCoverage).c, nil
	}
	c, err := s.freshCoverage(ctx, actor, region, from)
	if err == nil {
		keepCoverage(key, cachedCoverage{at: at, c: c})
	}
	return c, err
}

// freshCoverage computes FindCoverage from the database.
func (s *Service) freshCoverage(ctx context.Context, actor app.Actor, region string, from int) (Coverage, error) {
	c := Coverage{RegionCode: region}
	now := s.termOf(ctx, region, today(s)).Year
	years, err := s.required(ctx, region, policy.RuleStationCoverageYears, now)
	if app.ErrorCode(err) == app.EINVALID {
		def, _ := policy.Def(policy.RuleStationCoverageYears)
		years, c.NoRule, err = 1, policy.NotSetText(def), nil
	}
	if err != nil {
		return c, err
	}
	years = max(1, years)
	if from == 0 {
		from = now - years + 1
	}
	if from < 2000 || from > 2100 {
		return c, app.Invalid("from", "起始学年应为 2000 至 2100 之间的年份")
	}
	c.From, c.To = from, from+years-1
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		var path string
		var err error
		if c.RegionName, path, err = regionInScope(ctx, tx, actor, region); err != nil {
			return notFound("区域")
		}
		if c.Rows, err = coverageRows(ctx, tx, path, c.From, c.To); err != nil {
			return err
		}
		return fillStationTerms(ctx, tx, c.Rows, c.From, c.To)
	})
	for _, r := range c.Rows {
		if r.Gap() {
			c.Gaps++
		}
	}
	return c, err
}

func coverageRows(ctx context.Context, tx *db.Tx, path string, from, to int) ([]SchoolCoverage, error) {
	under, args := likePrefix("g.path", path)
	return db.QueryAll(ctx, tx, func(r db.Scanner) (SchoolCoverage, error) {
		var x SchoolCoverage
		var t Target
		err := r.Scan(&x.SchoolID, &x.SchoolName, &t.Rural, &t.Weak, &t.Point, &x.Visits, &x.Days, &x.LastVisit)
		x.Kind = t.KindText()
		return x, err
	}, `SELECT o.id, o.name, o.locale = 'rural', o.weak, o.kind = 'teaching_point', COUNT(v.id), COALESCE(SUM(v.days), 0),
		COALESCE(MAX(v.start_date), '') FROM orgs o JOIN regions g ON g.code = o.region_code
		LEFT JOIN visits v ON v.school_id = o.id AND v.school_year BETWEEN ? AND ?
		WHERE o.active = TRUE AND o.kind IN ('school','teaching_point') AND `+under+`
		GROUP BY o.id, o.name, o.locale, o.weak, o.kind ORDER BY COUNT(v.id), o.name`, append([]any{from, to}, args...)...)
}

func fillStationTerms(ctx context.Context, tx *db.Tx, rows []SchoolCoverage, from, to int) error {
	at := map[int64]int{}
	for i, r := range rows {
		at[r.SchoolID] = i
	}
	type st struct {
		school int64
		term   dict.Term
	}
	list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (st, error) {
		var x st
		var half int
		err := r.Scan(&x.school, &x.term.Year, &half)
		x.term.Half = dict.Half(half)
		return x, err
	}, `SELECT x.school_id, x.school_year, x.half FROM stations x JOIN station_plans p ON p.id = x.plan_id
		WHERE p.status = 'published' AND x.school_year BETWEEN ? AND ? ORDER BY x.school_year, x.half`, from, to)
	for _, x := range list {
		if i, ok := at[x.school]; ok {
			rows[i].StationTerms = append(rows[i].StationTerms, x.term.String())
		}
	}
	return err
}
