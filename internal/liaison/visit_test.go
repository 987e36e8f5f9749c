package liaison_test

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

// fixture is the two-county world plus a researcher in each county's office.
type fixture struct {
	*testutil.World
	Svc        *liaison.Service
	ResA, ResB int64
	ResUserA   app.Actor
	ResUserB   app.Actor
	OfficeA    int64
}

func newFixture(t *testing.T) *fixture {
	w := testutil.NewWorld(t)
	f := &fixture{World: w}
	f.Svc = &liaison.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}, Dict: &dict.Store{DB: w.DB},
		Now: func() time.Time { return time.Date(2025, 12, 15, 10, 0, 0, 0, time.UTC) }}
	f.OfficeA = w.MustOrg(t, org.Org{Name: "鹿城区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330302"})
	officeB := w.MustOrg(t, org.Org{Name: "龙湾区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330303"})
	f.ResA = w.MustPerson(t, org.Person{Name: "教研员甲", OrgID: f.OfficeA, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: f.OfficeA})
	f.ResB = w.MustPerson(t, org.Person{Name: "教研员乙", OrgID: officeB, ResearcherKind: "fulltime", ResearcherSubject: "语文", OfficeID: officeB})
	f.ResUserA = w.MustUser(t, f.ResA, "res_a", auth.RoleResearcher)
	f.ResUserB = w.MustUser(t, f.ResB, "res_b", auth.RoleResearcher)
	return f
}

func TestResearcherLogsOwnVisitOnly(t *testing.T) {
	f := newFixture(t)
	v := liaison.Visit{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03",
		EndDate: "2025-11-05", LessonsObserved: 6, Meetings: 2}
	id, err := f.Svc.SaveVisit(ctx, f.ResUserA, v, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Svc.FindVisitByID(ctx, f.ResUserA, id)
	if err != nil || got.Days != 3 || got.Term.String() != "2025学年第一学期" {
		t.Fatalf("visit = %+v, %v", got, err)
	}
	other := v
	other.ResearcherID = f.ResB
	if _, err := f.Svc.SaveVisit(ctx, f.ResUserA, other, nil); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("researcher logged someone else's visit: %v", err)
	}
	if _, err := f.Svc.FindVisitByID(ctx, f.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B saw county A's visit: %v", err)
	}
	if list, _, _ := f.Svc.FindVisits(ctx, f.SchoolAdminA, liaison.VisitFilter{}); len(list) != 1 {
		t.Fatalf("school admin sees %d visits to the school, want 1", len(list))
	}
	got.Notes = "改"
	stale := got
	if _, err := f.Svc.SaveVisit(ctx, f.CountyA, got, nil); err != nil {
		t.Fatalf("county admin (liaison.manage) edit: %v", err)
	}
	if _, err := f.Svc.SaveVisit(ctx, f.ResUserA, stale, nil); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale edit: %v", err)
	}
}

func TestVisitValidation(t *testing.T) {
	f := newFixture(t)
	bad := []liaison.Visit{
		{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: "x", StartDate: "2025-11-03"},
		{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2025-11-05", EndDate: "2025-11-03"},
		{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2026-03-01"},
		{ResearcherID: f.ResA, SchoolID: f.SchoolA, Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03", LessonsObserved: 40},
		{ResearcherID: f.ResA, SchoolID: f.SchoolB, Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03"},
	}
	for _, v := range bad {
		if _, err := f.Svc.SaveVisit(ctx, f.ResUserA, v, nil); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("%+v: %v", v, err)
		}
	}
	if list, _, _ := f.Svc.FindVisits(ctx, testutil.Root, liaison.VisitFilter{}); len(list) != 0 {
		t.Fatal("invalid visits were written")
	}
}

func TestTrainingEntries(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Svc.SaveTraining(ctx, f.ResUserA, liaison.Training{ResearcherID: f.ResA, Kind: liaison.KindTraining,
		Program: "省级教研员高级研修", Hours: 24, Date: "2025-10-20"}); err != nil {
		t.Fatal(err)
	}
	list, err := f.Svc.FindTraining(ctx, f.CountyA, f.ResA, 2025)
	if err != nil || len(list) != 1 || list[0].Hours != 24 {
		t.Fatalf("%+v %v", list, err)
	}
	if _, err := f.Svc.FindTraining(ctx, f.CountyB, f.ResA, 2025); err == nil {
		t.Fatal("county B read county A's researcher's training")
	}
}
