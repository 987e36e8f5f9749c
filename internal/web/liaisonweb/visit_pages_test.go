package liaisonweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// publishLink puts researcher in a published round linked to school.
func publishLink(t *testing.T, s *webtest.Site, researcher, school int64) {
	t.Helper()
	year := dict.TermOf(time.Now()).Year
	err := s.DB.Write(context.Background(), func(tx *db.Tx) error {
		round, err := tx.InsertID(context.Background(), `INSERT INTO liaison_rounds (region_code, name, first_year, prepare_start,
			prepare_end, implement_start, implement_end, summary_start, summary_end, status, created_at, updated_at)
			VALUES ('330302', '联系学校第一轮', ?, '', '', '', '', '', '', 'published', 0, 0) RETURNING id`, year)
		if err != nil {
			return err
		}
		team, err := tx.InsertID(context.Background(), "INSERT INTO liaison_teams (round_id, researcher_id) VALUES (?, ?) RETURNING id", round, researcher)
		if err != nil {
			return err
		}
		_, err = tx.Exec(context.Background(), "INSERT INTO liaison_links (round_id, team_id, school_id, updated_at) VALUES (?, ?, ?, 0)", round, team, school)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestResearcherLogsVisitFromMySchools(t *testing.T) {
	s := webtest.New(t)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	publishLink(t, s, id, s.SchoolA)
	c := s.As("res_a")
	if _, body := c.Get("/my"); !strings.Contains(body, "鹿城区实验小学") || !strings.Contains(body, "已到校 <b>0</b> 天") {
		t.Fatalf("my schools page lacks the linked school with 0 days:\n%s", body)
	}
	_, body := c.Get(fmt.Sprintf("/my/visit?school_id=%d", s.SchoolA))
	if !strings.Contains(body, fmt.Sprintf(`name="school_id" value="%d" checked>`, s.SchoolA)) || !strings.Contains(body, liaisonweb.TodayCST()) {
		t.Fatalf("quick form does not preselect the school and today:\n%s", body)
	}
	res, _ := c.Post("/my/visit", url.Values{"school_id": {fmt.Sprint(s.SchoolA)}, "purpose": {"liaison"},
		"start_date": {liaisonweb.TodayCST()}, "lessons_observed": {"4"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/my?saved=1" {
		t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := c.Get("/my?saved=1"); !strings.Contains(body, "已到校 <b>1</b> 天") || !strings.Contains(body, "已保存") {
		t.Fatalf("my schools page does not count the new visit:\n%s", body)
	}
	visits, _, _ := liaisonweb.LiaisonOf(s.World).FindVisits(context.Background(), s.ActorOf(t, "county_a"), liaison.VisitFilter{ResearcherID: id})
	if len(visits) != 1 || visits[0].LinkID == 0 || visits[0].LessonsObserved != 0 {
		t.Fatalf("visit = %+v, want one tied to the link, the posted 4 lessons not taken (lessons are 听课评课 records)", visits)
	}
	if _, body := s.As("county_a").Get("/liaison/dashboard"); !strings.Contains(body, "鹿城教研员甲") || !strings.Contains(body, "1 天") {
		t.Fatalf("county dashboard does not show the researcher's day:\n%s", body)
	}
	if _, body := s.As("county_a").Get("/liaison/dashboard?below=1"); strings.Contains(body, "鹿城教研员甲") ||
		!strings.Contains(body, "没有未达标的专职教研员") {
		t.Fatalf("with no rules in force nobody is below quota:\n%s", body)
	}
	if _, body := s.As("county_b").Get("/liaison/dashboard"); strings.Contains(body, "鹿城教研员甲") {
		t.Fatal("county B dashboard shows county A's researcher")
	}
}

func TestVisitFormErrorAtField(t *testing.T) {
	s := webtest.New(t)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	res, body := s.As("county_a").Post("/visits", url.Values{"researcher_id": {fmt.Sprint(id)}, "school_id": {fmt.Sprint(s.SchoolA)},
		"purpose": {"liaison"}, "start_date": {liaisonweb.TodayCST()}, "days": {"40"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<div class="ferr">在校天数应在 1 到 1 天之间`) {
		t.Fatalf("status %d, want the days error at its field:\n%s", res.StatusCode, body)
	}
	if res, _ := s.As("res_a").Post("/visits", url.Values{"researcher_id": {fmt.Sprint(s.TeacherA)}, "school_id": {fmt.Sprint(s.SchoolA)},
		"purpose": {"liaison"}, "start_date": {liaisonweb.TodayCST()}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("researcher logged a visit for someone else: %d", res.StatusCode)
	}
}

func TestCardAndExportsShowFigures(t *testing.T) {
	s := webtest.New(t)
	id := liaisonweb.ResearcherIn(t, s.World, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	if err := (&policy.Service{DB: s.DB}).ApplyPreset(context.Background(), testutil.Root, "330302", "district_training_school",
		dict.TermOf(time.Now()).Year); err != nil {
		t.Fatal(err)
	}
	liaisonweb.VisitBy(t, s.World, "county_a", id, s.SchoolA, 1)
	c := s.As("county_a")
	_, body := c.Get(fmt.Sprintf("/researchers/%d/card", id))
	for _, want := range []string{"全年听课节数", "2 节", "120 节", "差 118 节", "未达标"} {
		if !strings.Contains(body, want) {
			t.Errorf("card lacks %q", want)
		}
	}
	res, body := c.Get("/liaison/dashboard/export?below=1")
	if got := webtest.Readable(t, res, body); !strings.Contains(got, "鹿城教研员甲|鹿城区教研室|数学|1|20 天") {
		t.Errorf("dashboard export of those below quota:\n%s", got)
	}
	res, body = c.Get("/visits/export")
	if got := webtest.Readable(t, res, body); !strings.Contains(got, "鹿城教研员甲|鹿城区实验小学|联系学校") {
		t.Errorf("visits export:\n%s", got)
	}
	if _, body := c.Get("/researchers"); !strings.Contains(body, "鹿城教研员甲") {
		t.Error("roster lacks the researcher")
	}
}
