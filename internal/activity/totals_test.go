package activity_test

import (
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
)

// totalsRow is one term-totals row as the report reads it, or as a scan
// of the activities gives it.
type totalsRow struct {
	kind, organiser                               string
	activities, signups, attended, due, submitted int
}

func readTotals(t *testing.T, f *fixture, fromActivities bool) map[string]totalsRow {
	t.Helper()
	q := `SELECT kind, organiser, activities, signups, attended, due, submitted FROM activity_term_totals WHERE activities <> 0 OR signups <> 0`
	if fromActivities {
		q = `SELECT kind, organiser, COUNT(*), SUM(signups), SUM(attended),
			SUM(CASE WHEN outcome_kind <> '' AND state IN ('ended', 'submitted', 'archived') THEN 1 ELSE 0 END),
			SUM(CASE WHEN outcome_kind <> '' AND state IN ('submitted', 'archived') THEN 1 ELSE 0 END)
			FROM activities WHERE state <> 'draft' GROUP BY school_year, half, org_id, organiser, kind`
	}
	out := map[string]totalsRow{}
	err := f.w.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (totalsRow, error) {
			var x totalsRow
			return x, r.Scan(&x.kind, &x.organiser, &x.activities, &x.signups, &x.attended, &x.due, &x.submitted)
		}, q)
		for _, x := range rows {
			out[x.kind+"/"+x.organiser] = x
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTermTotalsFollowEveryChange(t *testing.T) {
	f := newFixture(t)
	check := func(step string) {
		t.Helper()
		kept, scanned := readTotals(t, f, false), readTotals(t, f, true)
		if len(kept) != len(scanned) {
			t.Fatalf("after %s: totals %+v, activities give %+v", step, kept, scanned)
		}
		for k, v := range scanned {
			if kept[k] != v {
				t.Fatalf("after %s: totals %+v, activities give %+v", step, kept[k], v)
			}
		}
	}
	draft, err := f.svc.CreateActivity(ctx, f.w.CountyA, f.draft(), activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	check("a draft")
	id := f.published(t, f.draft())
	check("publishing")
	teacher := f.w.TeacherUserA
	if err := f.svc.SignUp(ctx, teacher, id); err != nil {
		t.Fatal(err)
	}
	check("a sign-up")
	if err := f.svc.Cancel(ctx, teacher, id); err != nil {
		t.Fatal(err)
	}
	check("a cancellation")
	if err := f.svc.SignUp(ctx, teacher, id); err != nil {
		t.Fatal(err)
	}
	f.clock = at(14, 30)
	_, code, err := f.svc.CheckinCode(ctx, f.w.CountyA, id)
	if err == nil {
		_, err = f.svc.CheckIn(ctx, teacher, id, code)
	}
	if err != nil {
		t.Fatal(err)
	}
	check("a check-in")
	a, _ := f.svc.FindActivityByID(ctx, f.w.CountyA, id)
	if err := f.svc.End(ctx, f.w.CountyA, id, a.Version, "到会 1 人"); err != nil {
		t.Fatal(err)
	}
	check("the end")
	if err := f.svc.SubmitOutcome(ctx, f.w.CountyA, id, a.Version+1, "教研案例"); err != nil {
		t.Fatal(err)
	}
	check("the outcome")
	d := f.draft()
	d.ID, d.Kind, d.Version = draft, "online", 1
	if err := f.svc.UpdateActivity(ctx, f.w.CountyA, d, activity.AudienceRegion); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.w.CountyA, draft, 2); err != nil {
		t.Fatal(err)
	}
	d.Kind, d.Version = "themed", 3
	if err := f.svc.UpdateActivity(ctx, f.w.CountyA, d, activity.AudienceRegion); err != nil {
		t.Fatal(err)
	}
	check("a published activity changing kind")
	rep, err := f.svc.TermReport(ctx, f.w.CountyA, term())
	if err != nil || rep.Total.Activities != 2 || rep.Total.SignUps != 1 || rep.Total.Attend != 1 || rep.Total.Due != 1 || rep.Total.Submitted != 1 {
		t.Errorf("term report: %+v %v", rep.Total, err)
	}
}
