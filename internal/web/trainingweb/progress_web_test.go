package trainingweb_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/web/trainingweb"
	"jiaoyan/internal/web/webtest"
)

func TestCountyDossierProgressPageAndExport(t *testing.T) {
	s := webtest.New(t)
	s.MustSchool(t, "鹿城区第二实验小学", "330302", 7)
	trainingweb.PlanOf(t, s.World, s.SchoolA, "课堂转型", true)
	year := trainingweb.ServiceOf(s.World).CurrentYear()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := credit.Add(ctx, tx, credit.Entry{PersonID: s.TeacherA, SchoolYear: year, Date: fmt.Sprintf("%d-10-09", year),
			Category: credit.CategorySchoolBased, Title: "数学组同课异构", Hours: 4, Source: "activity", State: credit.StateApproved})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	county := s.As("county_a")
	_, body := county.Get("/school-plans/progress")
	first, second := strings.Index(body, "鹿城区第二实验小学"), strings.Index(body, "鹿城区实验小学")
	if first < 0 || second < first || !strings.Contains(body, "未编制") || !strings.Contains(body, "待备案") || strings.Contains(body, "龙湾") {
		t.Errorf("progress page order or content wrong (schools without a plan first, county B hidden)")
	}
	res, x := county.Get("/school-plans/progress/export")
	if res.StatusCode != 200 {
		t.Fatalf("export: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(strings.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	found := false
	for _, r := range rows {
		if len(r) >= 7 && r[0] == "鹿城区实验小学" {
			found = r[1] == "待备案" && r[2] == "1" && r[5] == "4"
		}
	}
	if !found {
		t.Errorf("export rows %v", rows)
	}
	if res, _ := s.As("teacher_a").Get("/school-plans/progress"); res.StatusCode != 403 {
		t.Errorf("a teacher gets the progress view: %d", res.StatusCode)
	}
}
