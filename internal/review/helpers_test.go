package review_test

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

// fixture is a two-county city with a review service on a settable clock.
type fixture struct {
	w    *testutil.World
	svc  *review.Service
	now  time.Time
	city int64 // 温州市教育局
	ctx  context.Context
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	w := testutil.NewWorld(t)
	f := &fixture{w: w, now: time.Date(2025, 9, 10, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)), ctx: context.Background()}
	f.svc = &review.Service{DB: w.DB, Now: func() time.Time { return f.now }}
	f.city = f.orgID(t, "温州市教育局")
	return f
}

func (f *fixture) orgID(t testing.TB, name string) int64 {
	t.Helper()
	var id int64
	if err := f.w.DB.Read(f.ctx, func(tx *db.Tx) error {
		return tx.QueryRow(f.ctx, "SELECT id FROM orgs WHERE name = ?", name).Scan(&id)
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

// teacher makes a teacher with an account at school and returns the actor.
func (f *fixture) teacher(t testing.TB, school int64, name, user, subject string, roles ...string) (int64, app.Actor) {
	t.Helper()
	id := f.w.MustPerson(t, org.Person{Name: name, OrgID: school, Subjects: []string{subject}, Stages: []string{"primary"}})
	if len(roles) == 0 {
		roles = []string{auth.RoleTeacher}
	}
	a := f.w.MustUser(t, id, user, roles...)
	return id, a
}

// expert makes a person at school with an expert account and puts them in
// the city pool.
func (f *fixture) expert(t testing.TB, school int64, name, user, subject string, load int, senior bool) (int64, app.Actor) {
	t.Helper()
	pid, a := f.teacher(t, school, name, user, subject, auth.RoleExpert)
	id, err := f.svc.JoinPool(f.ctx, f.w.CityAdmin, review.Expert{PersonID: pid, PoolOrgID: f.city, Subjects: []string{subject},
		Stages: []string{"primary"}, MaxLoad: load, Senior: senior}, "市教研院推荐")
	if err != nil {
		t.Fatal(err)
	}
	return id, a
}

// campaign publishes a city campaign open 2025-09-01..2025-09-30.
func (f *fixture) campaign(t testing.TB, c review.Campaign) int64 {
	t.Helper()
	if c.Kind == "" {
		c.Kind = review.KindAward
	}
	if c.Title == "" {
		c.Title = "2025年优秀教学案例评比"
	}
	c.OrgID, c.Opens, c.Closes, c.ReviewDue = f.city, "2025-09-01", "2025-09-30", "2025-10-20"
	if c.Reviewers == 0 {
		c.Reviewers = 1
	}
	if c.Method == "" {
		c.Method = review.MethodMean
	}
	id, err := f.svc.CreateCampaign(f.ctx, f.w.CityAdmin, c, []review.RubricItem{{Name: "选题", Max: 40}, {Name: "成效", Max: 60}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// submit drafts and submits an entry by actor a.
func (f *fixture) submit(t testing.TB, a app.Actor, campaign int64, title, subject string) int64 {
	t.Helper()
	id, _, err := f.svc.SaveDraft(f.ctx, a, review.Submission{CampaignID: campaign, Title: title, Subject: subject, Stage: "primary", Content: "内容"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Submit(f.ctx, a, id); err != nil {
		t.Fatalf("submit %s: %v", title, err)
	}
	return id
}

// pass runs 形式审查 on each id as the city.
func (f *fixture) pass(t testing.TB, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if err := f.svc.FormalCheck(f.ctx, f.w.CityAdmin, id, true, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func mustCode(t testing.TB, err error, code string) {
	t.Helper()
	if app.ErrorCode(err) != code {
		t.Fatalf("want %s, got %v", code, err)
	}
}
