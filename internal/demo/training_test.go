package demo

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
)

// TestDemoHasLedgersWithASpreadAndClaimsAtEachLevel generates the small
// demo on demoToday and reads it as the city would: every teacher has
// credits, some were below the yearly minimum last 学年 and most were not,
// and claims wait at the school, at the county, and one was returned.
func TestDemoHasLedgersWithASpreadAndClaimsAtEachLevel(t *testing.T) {
	env := testutil.NewEnv(t)
	now := func() time.Time { return demoToday }
	ps := &policy.Service{DB: env.DB, Now: now}
	ls := &liaison.Service{DB: env.DB, Org: env.Org, Policy: ps, Dict: &dict.Store{DB: env.DB}, Now: now}
	ts := &training.Service{DB: env.DB, Org: env.Org, Policy: ps, Now: now}
	if _, err := Generate(context.Background(), Target{Org: env.Org, Auth: env.Auth, Policy: ps, Liaison: ls, Training: ts},
		Small, 1, io.Discard); err != nil {
		t.Fatalf("generate: %v", err)
	}
	city := app.System("演示检查", training.PermCreditView)
	last, err := ts.FindScopeStanding(context.Background(), city, training.StandingFilter{Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	if last.Teachers < 100 || last.BelowYear == 0 || last.BelowYear*3 > last.Teachers || len(last.Missing) != 0 {
		t.Errorf("2025学年: %d teachers, %d below the minimum, missing rules %v; want a spread", last.Teachers, last.BelowYear, last.Missing)
	}
	stages := map[string]int{}
	_ = env.DB.Read(context.Background(), func(tx *db.Tx) error {
		rows, err := db.QueryAll(context.Background(), tx, func(r db.Scanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		}, "SELECT stage FROM training_claims")
		for _, s := range rows {
			stages[s]++
		}
		return err
	})
	if stages[training.StageSchool] == 0 || stages[training.StageCounty] == 0 || stages[training.StageReturned] == 0 {
		t.Errorf("claims by stage %v, want some at the school, the county and returned", stages)
	}
	plans := map[string]int{}
	var attended int
	_ = env.DB.Read(context.Background(), func(tx *db.Tx) error {
		rows, err := db.QueryAll(context.Background(), tx, func(r db.Scanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		}, "SELECT status FROM school_training_plans")
		for _, s := range rows {
			plans[s]++
		}
		if err != nil {
			return err
		}
		return tx.QueryRow(context.Background(), `SELECT COUNT(*) FROM credit_entries WHERE source = 'program' AND source_id > 0`).Scan(&attended)
	})
	if len(plans) != 4 || attended == 0 {
		t.Errorf("plans by status %v, %d program attendances in the ledger; want all four states and attendance", plans, attended)
	}
	checkDemoSurveysAndEnrolment(t, env.DB, ts)
	checkDemoModelSchools(t, env.DB, ts)
	checkDemoTalent(t, env.DB, ts)
}

// checkDemoModelSchools: the city's 校本研修示范校 target reads short of 40,
// with the schools behind the count.
func checkDemoModelSchools(t *testing.T, d *db.DB, ts *training.Service) {
	t.Helper()
	var bureau int64
	if err := d.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), `SELECT o.id FROM orgs o JOIN regions g ON g.code = o.region_code
			WHERE o.kind = 'bureau' AND g.level = 'city' ORDER BY o.id LIMIT 1`).Scan(&bureau)
	}); err != nil {
		t.Fatal(err)
	}
	city := app.System("演示检查", training.PermCreditView)
	city.OrgID = bureau
	ts2, err := ts.FindTargets(context.Background(), city, ts.CurrentYear())
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts2 {
		if x.Name == "校本研修示范校" {
			if x.Count == 0 || x.Count >= 40 || len(x.Names) != x.Count || !strings.Contains(x.Text, "差") {
				t.Errorf("示范校 target: %d schools, %q; want a shortfall against 40", x.Count, x.Text)
			}
			return
		}
	}
	t.Error("no 校本研修示范校 target")
}

// checkDemoSurveysAndEnrolment: needs surveys partly answered, evaluations
// with a spread of ratings, enrolments in every state and quotas held.
func checkDemoSurveysAndEnrolment(t *testing.T, d *db.DB, ts *training.Service) {
	t.Helper()
	city := app.System("演示检查", training.PermCreditView, training.PermProgramManage)
	list, err := ts.FindSurveys(context.Background(), city)
	if err != nil {
		t.Fatal(err)
	}
	partial, evaluations := 0, 0
	for _, sv := range list {
		if sv.Kind == "needs" && sv.Answered > 0 && sv.Answered*10 < sv.Targeted*9 {
			partial++
		}
		if sv.Kind != "evaluation" {
			continue
		}
		res, err := ts.FindSurveyResults(context.Background(), city, sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		used := 0
		for _, o := range res.Questions[0].Options {
			if o.Count > 0 {
				used++
			}
		}
		if used >= 3 && res.Questions[0].Average != "" {
			evaluations++
		}
	}
	if partial == 0 || evaluations == 0 {
		t.Errorf("%d needs surveys partly answered, %d evaluations with a spread, of %d surveys", partial, evaluations, len(list))
	}
	states := map[string]int{}
	var over int
	_ = d.Read(context.Background(), func(tx *db.Tx) error {
		rows, err := db.QueryAll(context.Background(), tx, func(r db.Scanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		}, "SELECT state FROM training_enrolments")
		for _, s := range rows {
			states[s]++
		}
		if err != nil {
			return err
		}
		return tx.QueryRow(context.Background(), `SELECT COUNT(*) FROM training_program_quotas q WHERE q.used > q.quota OR q.used <>
			(SELECT COUNT(*) FROM training_enrolments e WHERE e.program_id = q.program_id AND e.region_code = q.region_code
			AND e.state <> 'returned')`).Scan(&over)
	})
	if states["pending"] == 0 || states["approved"] == 0 || states["returned"] == 0 || over != 0 {
		t.Errorf("enrolments by state %v, %d quotas not matching their nominations", states, over)
	}
}
