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

// A roster page reads researchers from people_researchers too, on both
// databases, whichever way it pages.
func TestRosterPageReadsResearchersFromTheirIndex(t *testing.T) {
	w := testutil.NewWorld(t)
	key := db.PageKey{Text: "鹿城区教师发展中心 张三", ID: 7}
	for _, actor := range []app.Actor{testutil.Root, w.CountyA, w.CityAdmin} {
		for _, c := range []struct{ after, before db.PageKey }{{}, {after: key}, {before: key}} {
			q, args := liaison.ResearcherPageQuery(actor, liaison.ResearcherFilter{Kind: "fulltime"}, c.after, c.before, 50)
			if plan := explain(t, w.DB, q, args); !strings.Contains(plan, "people_researchers") {
				t.Errorf("%s: the roster page query does not use people_researchers:\n%s", actor.Username, plan)
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
