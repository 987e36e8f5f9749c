package activityweb_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

// TestServiceOrdersExportInScope: county A's export of 送教助研 orders holds
// its school's order (item, school, need, state) and not county B's order.
func TestServiceOrdersExportInScope(t *testing.T) {
	s := webtest.New(t)
	item := activityweb.ServiceItemBy(t, s.World, "county_a", "鹿城区示范课", s.World.TeacherA)
	activityweb.OrderBy(t, s.World, "school_a", item)
	other := activityweb.ServiceItemBy(t, s.World, "county_b", "龙湾区课堂诊断", s.World.TeacherB)
	path, _ := orgPaths(t, s, s.World.SchoolB)
	err := s.World.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO service_orders (item_id, school_id, school_path, need, state, created_at, updated_at)
			VALUES (?, ?, ?, '龙湾区的需求', 'ordered', 0, 0)`, other, s.World.SchoolB, path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res, body := s.As("county_a").Get("/services/orders/export")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "spreadsheet") {
		t.Fatalf("orders export: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	rows := sheetRows(t, body)
	if len(rows) != 2 || rows[1][0] != "鹿城区示范课" || rows[1][2] != "课堂提问设计" || rows[1][5] == "" {
		t.Fatalf("county A's orders export should hold its one order: %q", rows)
	}
	if strings.Contains(fmt.Sprint(rows), "龙湾区") {
		t.Errorf("county A's export shows county B's order: %q", rows)
	}
}

// TestStudioWeakSchoolsExport: the export of the weak schools no studio
// activity reached this term lists county A's assigned school, with the
// studio, and no studio of county B.
func TestStudioWeakSchoolsExport(t *testing.T) {
	s := webtest.New(t)
	studio := activityweb.StudioAt(t, s.World, s.World.BureauA, s.World.TeacherA, s.World.SchoolA, "鹿城区数学名师工作室")
	c := s.As("county_a")
	follow(c, "/studios/stations", url.Values{"studio_id": {fmt.Sprint(studio)}, "school_id": {fmt.Sprint(s.World.SchoolA)}})
	bs := activityweb.StudioAt(t, s.World, s.World.BureauB, s.World.TeacherB, s.World.SchoolB, "龙湾区语文名师工作室")
	follow(s.As("county_b"), "/studios/stations", url.Values{"studio_id": {fmt.Sprint(bs)}, "school_id": {fmt.Sprint(s.World.SchoolB)}})
	_, page := c.Get("/studios/stations")
	i := strings.Index(page, `href="/studios/stations/export?weak=1&term=`)
	if i < 0 {
		t.Fatalf("the studio page links no export of the unreached weak schools: %s", page)
	}
	href := page[i+6 : i+strings.Index(page[i+6:], `"`)+6]
	res, body := c.Get(strings.ReplaceAll(href, "&amp;", "&"))
	if res.StatusCode != 200 {
		t.Fatalf("export %s: %d", href, res.StatusCode)
	}
	rows := sheetRows(t, body)
	if len(rows) != 2 || rows[1][0] != "鹿城区数学名师工作室" || rows[1][2] != "是" || rows[1][3] != "尚未开展" {
		t.Fatalf("export should list county A's one unreached weak school: %q", rows)
	}
	if strings.Contains(fmt.Sprint(rows), "龙湾区") {
		t.Errorf("county A's export shows county B's studio: %q", rows)
	}
}
