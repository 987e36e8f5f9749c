package liaison_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// The roster order a page keeps is read from people_researchers too, on
// both databases, with and without a filter.
func TestRosterPageReadsResearchersFromTheirIndex(t *testing.T) {
	w := testutil.NewWorld(t)
	for _, actor := range []app.Actor{testutil.Root, w.CountyA, w.CityAdmin} {
		for _, f := range []liaison.ResearcherFilter{{}, {Kind: "fulltime"}, {Region: "330302"}} {
			q, args := liaison.RosterKeysQuery(actor, f)
			if plan := explain(t, w.DB, q, args); !strings.Contains(plan, "people_researchers") {
				t.Errorf("%s %+v: the roster order query does not use people_researchers:\n%s", actor.Username, f, plan)
			}
		}
	}
}

// Walking the roster page by page, forwards and back, while researchers are
// added between pages, shows every researcher who was there from the start
// exactly once, in the order of the whole list.
func TestRosterPagesNeitherSkipNorRepeatWhileResearchersAreAdded(t *testing.T) {
	w := testutil.NewWorld(t)
	svc := &liaison.Service{DB: w.DB, Org: w.Org}
	offices := []int64{
		w.MustOrg(t, org.Org{Name: "鹿城区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330302"}),
		w.MustOrg(t, org.Org{Name: "龙湾区教师发展中心", Kind: org.KindResearchOffice, RegionCode: "330303"}),
	}
	add := func(name string, office int64) {
		w.MustPerson(t, org.Person{Name: name, OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office})
	}
	for i := range 23 {
		add(fmt.Sprintf("教研员%02d", i%11), offices[i%2]) // names repeat: the id breaks ties
	}
	whole, err := svc.FindResearchers(ctx, testutil.Root, liaison.ResearcherFilter{})
	if err != nil || len(whole) != 23 {
		t.Fatalf("whole roster: %d, %v", len(whole), err)
	}
	var walked []liaison.Researcher
	var after db.PageKey
	for page := 0; ; page++ {
		pg, err := svc.FindResearchersPage(ctx, testutil.Root, liaison.ResearcherFilter{}, after, db.PageKey{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if pg.Total < 23 || len(pg.Researchers) > 5 {
			t.Fatalf("page %d: total %d, %d rows", page, pg.Total, len(pg.Researchers))
		}
		walked = append(walked, pg.Researchers...)
		// someone sorting before and someone after this page join the list
		add(fmt.Sprintf("新教研员%d", page), offices[0])
		add(fmt.Sprintf("后来者%d", page), offices[1])
		if !pg.More {
			break
		}
		after = pg.Last
	}
	seen := map[int64]int{}
	for _, r := range walked {
		seen[r.ID]++
	}
	pos := 0
	for _, r := range whole {
		if seen[r.ID] != 1 {
			t.Errorf("%s (%d) shown %d times", r.Name, r.ID, seen[r.ID])
		}
		for pos < len(walked) && walked[pos].ID != r.ID {
			pos++
		}
		if pos == len(walked) {
			t.Fatalf("%s is out of the whole list's order in the walk", r.Name)
		}
	}
	// 上一页 from the last page leads back to the rows just before it.
	last, err := svc.FindResearchersPage(ctx, testutil.Root, liaison.ResearcherFilter{}, after, db.PageKey{}, 5)
	if err != nil || len(last.Researchers) == 0 {
		t.Fatal(last, err)
	}
	prev, err := svc.FindResearchersPage(ctx, testutil.Root, liaison.ResearcherFilter{}, db.PageKey{}, last.First, 5)
	if err != nil || len(prev.Researchers) != 5 || !prev.More || !prev.Less {
		t.Fatalf("previous page: %d rows, more %v, less %v, %v", len(prev.Researchers), prev.More, prev.Less, err)
	}
	onLast := map[int64]bool{}
	for _, r := range last.Researchers {
		onLast[r.ID] = true
	}
	for _, r := range prev.Researchers {
		if onLast[r.ID] {
			t.Errorf("上一页 repeats %s of the page it came from", r.Name)
		}
	}
	if _, err := svc.FindResearchersPage(ctx, w.TeacherUserA, liaison.ResearcherFilter{}, db.PageKey{}, db.PageKey{}, 5); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher reads the roster: %v", err)
	}
}

// walkRoster is the whole roster as its pages show it, 4 a page.
func walkRoster(t *testing.T, svc *liaison.Service, actor app.Actor) []string {
	t.Helper()
	var out []string
	var after db.PageKey
	for {
		pg, err := svc.FindResearchersPage(ctx, actor, liaison.ResearcherFilter{}, after, db.PageKey{}, 4)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range pg.Researchers {
			out = append(out, fmt.Sprintf("%s|%s|%d", r.OfficeName, r.Name, r.ID))
		}
		if len(out) > pg.Total {
			t.Fatalf("the pages show %d researchers of a total of %d", len(out), pg.Total)
		}
		if !pg.More {
			return out
		}
		after = pg.Last
	}
}

// TestRosterPagesEqualAFreshListAfterEveryKindOfWrite: the order the roster
// pages keep follows every write that changes it — a researcher renamed,
// moved to another office, made inactive or no longer a researcher, a new
// one, an office renamed — and equals the list read afresh each time.
func TestRosterPagesEqualAFreshListAfterEveryKindOfWrite(t *testing.T) {
	w := testutil.NewWorld(t)
	svc := &liaison.Service{DB: w.DB, Org: w.Org}
	a := w.MustOrg(t, org.Org{Name: "甲教研室", Kind: org.KindResearchOffice, RegionCode: "330302"})
	b := w.MustOrg(t, org.Org{Name: "乙教研室", Kind: org.KindResearchOffice, RegionCode: "330303"})
	var ids []int64
	for i := range 9 {
		office := []int64{a, b}[i%2]
		ids = append(ids, w.MustPerson(t, org.Person{Name: fmt.Sprintf("研%02d", 9-i), OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office}))
	}
	exec := func(q string, args ...any) func() {
		return func() {
			if err := w.DB.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q, args...); return err }); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name  string
		write func()
	}{
		{"nothing written", func() {}},
		{"a researcher renamed", exec("UPDATE people SET name = '阿研' WHERE id = ?", ids[4])},
		{"an office renamed", exec("UPDATE orgs SET name = '丙教研室' WHERE id = ?", a)},
		{"a researcher moved to the other office", exec("UPDATE people SET office_id = ? WHERE id = ?", b, ids[0])},
		{"a researcher made inactive", exec("UPDATE people SET active = FALSE WHERE id = ?", ids[1])},
		{"a researcher no longer one", exec("UPDATE people SET researcher_kind = '' WHERE id = ?", ids[2])},
		{"a new researcher", func() {
			w.MustPerson(t, org.Person{Name: "新研", OrgID: b, ResearcherKind: "parttime", ResearcherSubject: "语文", OfficeID: b})
		}},
	} {
		walkRoster(t, svc, testutil.Root) // the order is kept before the write
		c.write()
		fresh, err := svc.FindResearchers(ctx, testutil.Root, liaison.ResearcherFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, r := range fresh {
			want = append(want, fmt.Sprintf("%s|%s|%d", r.OfficeName, r.Name, r.ID))
		}
		if got := walkRoster(t, svc, testutil.Root); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("after %s the pages show\n%v\nwant the fresh list\n%v", c.name, got, want)
		}
	}
}

// A roster page seeks its own rows by id: on SQLite by primary key, not
// walking the scope's researchers; on PostgreSQL the ids are an index
// condition (its planner, on a test world of a few rows, may take any index
// that holds id).
func TestRosterPageReadsItsRowsByID(t *testing.T) {
	w := testutil.NewWorld(t)
	ids := []db.PageKey{{ID: 3}, {ID: 5}, {ID: 8}}
	for _, actor := range []app.Actor{testutil.Root, w.CountyA, w.CityAdmin} {
		q, args := liaison.ResearchersByIDQuery(actor, liaison.ResearcherFilter{}, ids)
		plan := explain(t, w.DB, q, args)
		if w.DB.Dialect == db.Postgres {
			if !strings.Contains(plan, "id = ANY") {
				t.Errorf("%s: the page's ids are no index condition:\n%s", actor.Username, plan)
			}
			continue
		}
		if strings.Contains(plan, "people_researchers") || strings.Contains(plan, "people_scope_order") {
			t.Errorf("%s: the page's rows are read through an index of the scope:\n%s", actor.Username, plan)
		}
	}
}
