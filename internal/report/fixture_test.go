package report_test

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/report"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

// fixture is the two-county world plus a researcher in each county's office,
// the liaison service that writes their visits and the report over both.
type fixture struct {
	*testutil.World
	Svc        *liaison.Service
	Rep        *report.Service
	ResA, ResB int64
	ResUserA   app.Actor
	ResUserB   app.Actor
	OfficeA    int64
}

func newFixture(t *testing.T) *fixture {
	w := testutil.NewWorld(t)
	f := &fixture{World: w}
	now := func() time.Time { return time.Date(2025, 12, 15, 10, 0, 0, 0, time.UTC) }
	f.Svc = &liaison.Service{DB: w.DB, Org: w.Org, Policy: &policy.Service{DB: w.DB}, Dict: &dict.Store{DB: w.DB}, Now: now}
	f.Rep = &report.Service{DB: w.DB, Policy: f.Svc.Policy, Now: now}
	f.OfficeA = w.MustOrg(t, org.Org{Name: "鹿城区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330302"})
	officeB := w.MustOrg(t, org.Org{Name: "龙湾区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330303"})
	f.ResA = w.MustPerson(t, org.Person{Name: "教研员甲", OrgID: f.OfficeA, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: f.OfficeA})
	f.ResB = w.MustPerson(t, org.Person{Name: "教研员乙", OrgID: officeB, ResearcherKind: "fulltime", ResearcherSubject: "语文", OfficeID: officeB})
	f.ResUserA = w.MustUser(t, f.ResA, "res_a", auth.RoleResearcher)
	f.ResUserB = w.MustUser(t, f.ResB, "res_b", auth.RoleResearcher)
	return f
}

// demoCounty picks the small demo's county with the most full-time
// researchers among those with at least two rural or weak schools.
func demoCounty(t *testing.T, d *db.DB) string {
	t.Helper()
	var code string
	err := d.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT o.region_code FROM people p JOIN orgs o ON o.id = p.org_id
			WHERE p.researcher_kind = 'fulltime' AND o.region_code IN (SELECT region_code FROM orgs
			WHERE kind IN ('school','teaching_point') AND (locale = 'rural' OR weak = TRUE) GROUP BY region_code HAVING COUNT(*) >= 2)
			GROUP BY o.region_code ORDER BY COUNT(*) DESC, o.region_code LIMIT 1`).Scan(&code)
	})
	if err != nil {
		t.Fatal(err)
	}
	return code
}
func demoResearchers(t *testing.T, d *db.DB, county string) []int64 {
	t.Helper()
	var ids []int64
	err := d.Read(ctx, func(tx *db.Tx) error {
		var err error
		ids, err = db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, `SELECT p.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.researcher_kind = 'fulltime' AND o.region_code = ?
			ORDER BY p.id`, county)
		return err
	})
	if err != nil || len(ids) < 2 {
		t.Fatalf("county %s has %d full-time researchers: %v", county, len(ids), err)
	}
	return ids
}
