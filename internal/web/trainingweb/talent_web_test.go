package trainingweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/training"
	"jiaoyan/internal/web/trainingweb"
	"jiaoyan/internal/web/webtest"
)

// A county confers 校本研修示范校 on its own school from /talent; the
// target row names it; a school of another county is refused at the field
// and nothing is written.
func TestTalentPageDesignatesModelSchools(t *testing.T) {
	s := webtest.New(t)
	county := s.As("county_a")
	year := fmt.Sprint(trainingweb.ServiceOf(s.World).CurrentYear())
	form := func(school int64, basis string) url.Values {
		return url.Values{"org_id": {fmt.Sprint(school)}, "kind": {training.KindModelSchool}, "school_year": {year},
			"level": {"county"}, "basis": {basis}}
	}
	_, page := county.Get("/talent")
	if !strings.Contains(page, `id="designation-form"`) || strings.Contains(page, "龙湾区永中小学") {
		t.Errorf("the designation form is missing or offers another county's school")
	}
	if _, body := county.Post("/talent/designations", form(s.SchoolB, "越权")); !strings.Contains(body, "请选择您管辖范围内的学校") {
		t.Errorf("a 龙湾 school is not refused at its field")
	}
	if _, body := county.Post("/talent/designations", form(s.SchoolA, "")); !strings.Contains(body, "请填写认定依据（文件文号）") {
		t.Errorf("a missing basis is not named")
	}
	if res, _ := county.Post("/talent/designations", form(s.SchoolA, "鹿教研〔2025〕3号")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("designate: %d", res.StatusCode)
	}
	_, page = county.Get("/talent?year=" + year)
	if strings.Count(page, "鹿教研〔2025〕3号") != 1 || strings.Contains(page, "越权") {
		t.Errorf("the list does not show exactly the one designation")
	}
	if !strings.Contains(page, "鹿城区实验小学（"+year+"学年县级）") {
		t.Errorf("the 校本研修示范校 target does not name the school")
	}
	if _, page := s.As("county_b").Get("/talent"); strings.Contains(page, "鹿教研〔2025〕3号") {
		t.Errorf("county B sees 鹿城's designation")
	}
}
