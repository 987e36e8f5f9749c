package org_test

import (
	"fmt"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

// TestGroupPagesNeitherSkipNorRepeatWhileGroupsAreFiled: walking the city
// admin's 教研组 by 下一页 while groups are filed in both schools shows every
// group there at the start exactly once; a county admin sees only its
// county's; 上一页 and ?page=N land where 下一页 would.
func TestGroupPagesNeitherSkipNorRepeatWhileGroupsAreFiled(t *testing.T) {
	w := testutil.NewWorld(t)
	file := func(school int64, name string) {
		t.Helper()
		if _, err := w.Org.SaveGroup(ctx, testutil.Root, org.Group{OrgID: school, Name: name, Kind: "subject", Subject: "语文",
			Stage: "primary", FiledOn: "2025-09-01"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 18 {
		file([]int64{w.SchoolA, w.SchoolB}[i%2], fmt.Sprintf("教研组%02d", i))
	}
	start, err := w.Org.FindGroupsPage(ctx, w.CityAdmin, org.GroupFilter{Limit: 1000}, true)
	if err != nil || start.Total != 18 || len(start.Rows) != 18 {
		t.Fatalf("whole list: %d of %d, %v", len(start.Rows), start.Total, err)
	}
	var walked []org.Group
	var after db.PageKey
	var last org.ListPage[org.Group]
	for n := 0; ; n++ {
		pg, err := w.Org.FindGroupsPage(ctx, w.CityAdmin, org.GroupFilter{Limit: 4, After: after}, false)
		if err != nil {
			t.Fatal(err)
		}
		walked, last = append(walked, pg.Rows...), pg
		file([]int64{w.SchoolA, w.SchoolB}[n%2], fmt.Sprintf("新教研组%02d", n))
		if !pg.More {
			break
		}
		after = pg.Last
	}
	seen := map[int64]int{}
	for _, g := range walked {
		seen[g.ID]++
	}
	for _, g := range start.Rows {
		if seen[g.ID] != 1 {
			t.Errorf("%s（%s）shown %d times", g.Name, g.OrgName, seen[g.ID])
		}
	}
	prev, err := w.Org.FindGroupsPage(ctx, w.CityAdmin, org.GroupFilter{Limit: 4, Before: last.First}, false)
	if err != nil || len(prev.Rows) != 4 || !prev.More {
		t.Fatalf("上一页: %d rows, more %v, %v", len(prev.Rows), prev.More, err)
	}
	for _, g := range prev.Rows {
		for _, h := range last.Rows {
			if g.ID == h.ID {
				t.Errorf("上一页 repeats %s", g.Name)
			}
		}
	}
	p1, _ := w.Org.FindGroupsPage(ctx, w.CityAdmin, org.GroupFilter{Limit: 4}, false)
	p2, _ := w.Org.FindGroupsPage(ctx, w.CityAdmin, org.GroupFilter{Limit: 4, After: p1.Last}, false)
	deep, err := w.Org.FindGroupsPage(ctx, w.CityAdmin, org.GroupFilter{Limit: 4, Offset: 4}, false)
	if err != nil || deep.First != p2.First {
		t.Errorf("?page=2 starts at %+v, 下一页 at %+v (%v)", deep.First, p2.First, err)
	}
	county, err := w.Org.FindGroupsPage(ctx, w.CountyA, org.GroupFilter{Limit: 1000}, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range county.Rows {
		if g.OrgID != w.SchoolA {
			t.Errorf("county A sees %s of another county", g.Name)
		}
	}
	if county.Total != len(county.Rows) || county.Total == 0 {
		t.Errorf("county A: total %d, %d rows", county.Total, len(county.Rows))
	}
}

// TestStudioPagesKeepToTheScope: 名师工作室 page in list order, a county
// admin sees only its county's, and the level filter holds.
func TestStudioPagesKeepToTheScope(t *testing.T) {
	w := testutil.NewWorld(t)
	for i := range 7 {
		school, host := []int64{w.SchoolA, w.SchoolB}[i%2], []int64{w.TeacherA, w.TeacherB}[i%2]
		level := []string{"school", "county"}[i%2]
		if _, err := w.Org.SaveStudio(ctx, testutil.Root, org.Studio{Name: fmt.Sprintf("名师工作室%02d", i), Level: level, OrgID: school,
			HostID: host, Subject: "语文", Stage: "primary", FoundedYear: 2024}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var all []org.Studio
	var after db.PageKey
	for {
		pg, err := w.Org.FindStudiosPage(ctx, w.CityAdmin, org.StudioFilter{Limit: 3, After: after}, false)
		if err != nil {
			t.Fatal(err)
		}
		if pg.Total != 7 {
			t.Fatalf("city total %d, want 7", pg.Total)
		}
		all = append(all, pg.Rows...)
		if !pg.More {
			break
		}
		after = pg.Last
	}
	if len(all) != 7 {
		t.Fatalf("walked %d studios, want 7", len(all))
	}
	county, err := w.Org.FindStudiosPage(ctx, w.CountyA, org.StudioFilter{}, true)
	if err != nil || county.Total != 4 || len(county.Rows) != 4 {
		t.Fatalf("county A: %d of %d, %v; want its 4", len(county.Rows), county.Total, err)
	}
	for _, st := range county.Rows {
		if st.OrgID != w.SchoolA {
			t.Errorf("county A sees %s", st.Name)
		}
	}
	lv, err := w.Org.FindStudiosPage(ctx, w.CityAdmin, org.StudioFilter{Level: "county"}, true)
	if err != nil || lv.Total != 3 {
		t.Errorf("county-level studios: %d, %v; want 3", lv.Total, err)
	}
}
