package reportweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestDashboardExportWritesNumbers: the workload export writes counts as
// number cells under a header naming the unit, not "2 节" as text; the
// never-taught stint reads 无记录.
func TestDashboardExportWritesNumbers(t *testing.T) {
	s := webtest.New(t)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	if err := (&policy.Service{DB: s.DB}).ApplyPreset(context.Background(), testutil.Root, "330302", "district_training_school",
		dict.TermOf(time.Now()).Year); err != nil {
		t.Fatal(err)
	}
	liaisonweb.VisitBy(t, s.World, "county_a", id, s.SchoolA, 1)
	_, body := s.As("county_a").Get("/liaison/dashboard/export")
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, _ := f.GetRows(sheet)
	if len(rows) < 2 {
		t.Fatalf("export rows: %v", rows)
	}
	cell := func(header string) (string, excelize.CellType) {
		for i, h := range rows[0] {
			if h == header {
				name, _ := excelize.CoordinatesToCellName(i+1, 2)
				v, _ := f.GetCellValue(sheet, name)
				typ, _ := f.GetCellType(sheet, name)
				return v, typ
			}
		}
		t.Fatalf("no column %q in %v", header, rows[0])
		return "", 0
	}
	for header, want := range map[string]string{"全年听课节数（节）": "2", "全年听课节数差（节）": "118", "本学期在校天数（天）": "1"} {
		v, typ := cell(header)
		if v != want || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s = %q (cell type %v), want the number %s", header, v, typ, want)
		}
	}
	if v, _ := cell("最近一次下校任教差距"); v != "无记录" {
		t.Errorf("stint gap = %q, want 无记录", v)
	}
	if strings.Contains(fmt.Sprint(rows[1]), " 节") {
		t.Errorf("a count still carries its unit as text: %v", rows[1])
	}
}

// TestCardSaysWhichRuleIsNotSet: in a region without rules each card row
// says 本区域未设定规则：… and judges nothing; with seed 001 in force the
// on-site days are judged.
func TestCardSaysWhichRuleIsNotSet(t *testing.T) {
	s := webtest.New(t)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	year := dict.TermOf(time.Now()).Year
	url := fmt.Sprintf("/researchers/%d/card?year=%d", id, year)
	_, body := s.As("county_a").Get(url)
	if !strings.Contains(body, "本区域未设定规则：") || strings.Contains(body, "未达标") || strings.Contains(body, ">达标<") {
		t.Fatalf("card without rules: want 本区域未设定规则 and no judgement:\n%s", body)
	}
	if err := (&policy.Service{DB: s.DB}).ApplyPreset(context.Background(), testutil.Root, "330302", "district_training_school",
		year); err != nil {
		t.Fatal(err)
	}
	if _, body = s.As("county_a").Get(url); !strings.Contains(body, "未达标") {
		t.Fatalf("card with seed 001: want 未达标 on the empty on-site days:\n%s", body)
	}
}
