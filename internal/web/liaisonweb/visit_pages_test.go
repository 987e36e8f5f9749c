package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
)

// todayCST is the date the site's clock (the real one) is on.
func todayCST() string { return time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02") }

// researcherIn creates an office in region, a 专职教研员 in it and their
// account (first sign-in done), and returns the person id.
func researcherIn(t *testing.T, s *site, region, office, name, username string) int64 {
	t.Helper()
	oid := s.MustOrg(t, org.Org{Name: office, Kind: org.KindResearchOffice, RegionCode: region})
	id := s.MustPerson(t, org.Person{Name: name, OrgID: oid, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: oid})
	s.MustUser(t, id, username, auth.RoleResearcher)
	if err := s.DB.Exec(context.Background(), "UPDATE users SET must_change = FALSE WHERE username = ?", username); err != nil {
		t.Fatal(err)
	}
	return id
}

func liaisonOf(s *site) *liaison.Service {
	return &liaison.Service{DB: s.DB, Org: s.Org, Policy: &policy.Service{DB: s.DB}, Dict: &dict.Store{DB: s.DB}}
}

// visitBy writes a visit of researcher to school ending today, as the
// county administrator admin.
func visitBy(t *testing.T, s *site, admin string, researcher, school int64, days int) int64 {
	t.Helper()
	start := time.Now().AddDate(0, 0, 1-days).In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	id, err := liaisonOf(s).SaveVisit(context.Background(), s.ActorOf(t, admin), liaison.Visit{ResearcherID: researcher, SchoolID: school,
		Purpose: liaison.PurposeLiaison, StartDate: start, EndDate: todayCST(), LessonsObserved: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func init() {
	extraObjects = append(extraObjects,
		func(t *testing.T, s *site) (string, map[string]string, []string) {
			id := researcherIn(t, s, "330303", "龙湾区教研室", "龙湾教研员乙", "res_b")
			return "researcher", map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾教研员乙", "龙湾区教研室"}
		},
		func(t *testing.T, s *site) (string, map[string]string, []string) {
			id := researcherIn(t, s, "330303", "龙湾区教师发展中心", "龙湾教研员丙", "res_c")
			vid := visitBy(t, s, "county_b", id, s.SchoolB, 1)
			return "visit", map[string]string{"id": fmt.Sprint(vid)}, []string{"龙湾教研员丙"}
		})
	form := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	extraChanges["POST /visits"] = func(t *testing.T, s *site) change {
		id := researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		return change{"county_a", "/visits", form("researcher_id", fmt.Sprint(id), "school_id", fmt.Sprint(s.SchoolA),
			"purpose", "service", "start_date", todayCST(), "lessons_observed", "3")}
	}
	extraChanges["POST /visits/{id}"] = func(t *testing.T, s *site) change {
		id := researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		vid := visitBy(t, s, "county_a", id, s.SchoolA, 1)
		return change{"res_a", fmt.Sprintf("/visits/%d", vid), form("researcher_id", fmt.Sprint(id), "school_id",
			fmt.Sprint(s.SchoolA), "purpose", "liaison", "start_date", todayCST(), "notes", "补记", "version", "1")}
	}
	extraChanges["POST /my/visit"] = func(t *testing.T, s *site) change {
		researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		return change{"res_a", "/my/visit", form("school_id", fmt.Sprint(s.SchoolA), "purpose", "liaison", "start_date", todayCST())}
	}
	extraChanges["POST /researchers/{id}/training"] = func(t *testing.T, s *site) change {
		id := researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
		return change{"res_a", fmt.Sprintf("/researchers/%d/training", id), form("kind", "training", "program", "省级研修",
			"hours", "24", "date", todayCST())}
	}
}

// publishLink puts researcher in a published round linked to school.
func publishLink(t *testing.T, s *site, researcher, school int64) {
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
	s := newSite(t)
	id := researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	publishLink(t, s, id, s.SchoolA)
	c := s.as("res_a")
	if _, body := c.get("/my"); !strings.Contains(body, "鹿城区实验小学") || !strings.Contains(body, "已到校 <b>0</b> 天") {
		t.Fatalf("my schools page lacks the linked school with 0 days:\n%s", body)
	}
	_, body := c.get(fmt.Sprintf("/my/visit?school_id=%d", s.SchoolA))
	if !strings.Contains(body, fmt.Sprintf(`<option value="%d" selected>`, s.SchoolA)) || !strings.Contains(body, todayCST()) {
		t.Fatalf("quick form does not preselect the school and today:\n%s", body)
	}
	res, _ := c.post("/my/visit", url.Values{"school_id": {fmt.Sprint(s.SchoolA)}, "purpose": {"liaison"},
		"start_date": {todayCST()}, "lessons_observed": {"4"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/my?saved=1" {
		t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := c.get("/my?saved=1"); !strings.Contains(body, "已到校 <b>1</b> 天") || !strings.Contains(body, "已保存") {
		t.Fatalf("my schools page does not count the new visit:\n%s", body)
	}
	visits, _, _ := liaisonOf(s).FindVisits(context.Background(), s.ActorOf(t, "county_a"), liaison.VisitFilter{ResearcherID: id})
	if len(visits) != 1 || visits[0].LinkID == 0 || visits[0].LessonsObserved != 4 {
		t.Fatalf("visit = %+v, want one tied to the link with 4 lessons", visits)
	}
	if _, body := s.as("county_a").get("/liaison/dashboard"); !strings.Contains(body, "鹿城教研员甲") || !strings.Contains(body, "1 天") {
		t.Fatalf("county dashboard does not show the researcher's day:\n%s", body)
	}
	if _, body := s.as("county_a").get("/liaison/dashboard?below=1"); strings.Contains(body, "鹿城教研员甲") ||
		!strings.Contains(body, "没有未达标的专职教研员") {
		t.Fatalf("with no rules in force nobody is below quota:\n%s", body)
	}
	if _, body := s.as("county_b").get("/liaison/dashboard"); strings.Contains(body, "鹿城教研员甲") {
		t.Fatal("county B dashboard shows county A's researcher")
	}
}

func TestVisitFormErrorAtField(t *testing.T) {
	s := newSite(t)
	id := researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	res, body := s.as("county_a").post("/visits", url.Values{"researcher_id": {fmt.Sprint(id)}, "school_id": {fmt.Sprint(s.SchoolA)},
		"purpose": {"liaison"}, "start_date": {todayCST()}, "lessons_observed": {"40"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<div class="ferr">听课节数应在 0 到 12 之间`) {
		t.Fatalf("status %d, want the lessons error at its field:\n%s", res.StatusCode, body)
	}
	if res, _ := s.as("res_a").post("/visits", url.Values{"researcher_id": {fmt.Sprint(s.TeacherA)}, "school_id": {fmt.Sprint(s.SchoolA)},
		"purpose": {"liaison"}, "start_date": {todayCST()}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("researcher logged a visit for someone else: %d", res.StatusCode)
	}
}

func TestCardAndExportsShowFigures(t *testing.T) {
	s := newSite(t)
	id := researcherIn(t, s, "330302", "鹿城区教研室", "鹿城教研员甲", "res_a")
	if err := (&policy.Service{DB: s.DB}).ApplyPreset(context.Background(), testutil.Root, "330302", "district_training_school",
		dict.TermOf(time.Now()).Year); err != nil {
		t.Fatal(err)
	}
	visitBy(t, s, "county_a", id, s.SchoolA, 1)
	c := s.as("county_a")
	_, body := c.get(fmt.Sprintf("/researchers/%d/card", id))
	for _, want := range []string{"全年听课节数", "2 节", "120 节", "差 118 节", "未达标"} {
		if !strings.Contains(body, want) {
			t.Errorf("card lacks %q", want)
		}
	}
	res, body := c.get("/liaison/dashboard/export?below=1")
	if got := readable(t, res, body); !strings.Contains(got, "鹿城教研员甲|鹿城区教研室|数学|1|20 天") {
		t.Errorf("dashboard export of those below quota:\n%s", got)
	}
	res, body = c.get("/visits/export")
	if got := readable(t, res, body); !strings.Contains(got, "鹿城教研员甲|鹿城区实验小学|联系学校") {
		t.Errorf("visits export:\n%s", got)
	}
	if _, body := c.get("/researchers"); !strings.Contains(body, "鹿城教研员甲") {
		t.Error("roster lacks the researcher")
	}
}
