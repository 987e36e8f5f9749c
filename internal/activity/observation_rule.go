package activity

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// ResearcherLessons is one researcher's submitted 听课评课 records of a 学年
// against their region's rule 每学年听课 (policy.RuleResearcherLessonsObservedPerYear).
// RuleSet is false when the region has not set the rule; Unset is then the
// message to show ("本区域未设定规则：每学年听课").
type ResearcherLessons struct {
	PersonID int64
	Name     string
	Org      string
	Region   string
	Lessons  int
	Required float64
	RuleSet  bool
	Unset    string
}

// Met reports whether the researcher reached the rule.
func (r ResearcherLessons) Met() bool { return r.RuleSet && float64(r.Lessons) >= r.Required }

// Short is how many lessons are still missing (0 when met or unset).
func (r ResearcherLessons) Short() int {
	if !r.RuleSet || r.Met() {
		return 0
	}
	return int(r.Required+0.999999) - r.Lessons
}

// RuleReport is the 听课评课 report of a 学年: each researcher in scope with
// their count against the rule, and the totals.
type RuleReport struct {
	Year              int
	Rows              []ResearcherLessons
	Met, Short, Unset int
	UnsetText         string // the message of an unset rule
}

// ObservationRuleReport lists the active researchers (教研员) in the actor's
// scope with their submitted observations in 学年 year against the rule of
// their organisation's region, by organisation and name, all of them (no
// cap: researchers are a few hundred to a few thousand in a city, and the
// totals count every one). One grouped read; the rule is read once per
// region.
func (s *Service) ObservationRuleReport(ctx context.Context, actor app.Actor, year int) (RuleReport, error) {
	rep := RuleReport{Year: year}
	if err := actor.Require(PermManage); err != nil {
		return rep, err
	}
	if s.Policy == nil {
		return rep, app.Internal(errNoPolicy{})
	}
	def, _ := policy.Def(policy.RuleResearcherLessonsObservedPerYear)
	rep.UnsetText = policy.NotSetText(def)
	scope, args := auth.ScopeWhere(actor, "o.path", "p.org_id", "p.id")
	var regions []string
	rows, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]ResearcherLessons, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (ResearcherLessons, error) {
			var x ResearcherLessons
			var region string
			err := r.Scan(&x.PersonID, &x.Name, &x.Org, &region, &x.Region, &x.Lessons)
			regions = append(regions, region)
			return x, err
		}, `SELECT p.id, p.name, o.name, o.region_code, g.name, COALESCE(c.n, 0) FROM people p
			JOIN orgs o ON o.id = p.org_id JOIN regions g ON g.code = o.region_code
			LEFT JOIN (SELECT observer_id, COUNT(*) AS n FROM observations WHERE school_year = ? AND state = 'submitted'
				GROUP BY observer_id) c ON c.observer_id = p.id
			WHERE p.researcher_kind <> '' AND p.active = TRUE AND `+scope+` ORDER BY o.path, p.name, p.id`,
			append([]any{year}, args...)...)
	})
	if err != nil {
		return rep, err
	}
	type rule struct {
		v  float64
		ok bool
	}
	rules := map[string]rule{}
	for i := range rows {
		r, seen := rules[regions[i]]
		if !seen {
			v, err := s.Policy.Required(ctx, regions[i], policy.RuleResearcherLessonsObservedPerYear, year)
			if err != nil && app.ErrorCode(err) != app.EINVALID {
				return rep, err
			}
			r = rule{v, err == nil}
			rules[regions[i]] = r
		}
		rows[i].Required, rows[i].RuleSet = r.v, r.ok
		switch {
		case !r.ok:
			rows[i].Unset = rep.UnsetText
			rep.Unset++
		case rows[i].Met():
			rep.Met++
		default:
			rep.Short++
		}
	}
	rep.Rows = rows
	return rep, nil
}

type errNoPolicy struct{}

func (errNoPolicy) Error() string { return "activity: Service.Policy is not wired" }
