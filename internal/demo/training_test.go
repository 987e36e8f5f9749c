package demo

import (
	"context"
	"io"
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
}
