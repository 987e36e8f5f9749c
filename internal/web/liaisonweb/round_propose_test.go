package liaisonweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/org"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestRoundPageProposesTeams: a round whose team was removed shows the
// proposed team with a backbone teacher of the subject; 全部采用 makes it a
// team and 运行自动安排 then links the target.
func TestRoundPageProposesTeams(t *testing.T) {
	s := webtest.New(t)
	f := liaisonweb.NewRoundFixture(t, s.World, "330302", s.SchoolA, false, false)
	if err := f.Svc.RemoveTeam(context.Background(), liaisonweb.RoundActor, f.Round, f.Team); err != nil {
		t.Fatal(err)
	}
	town := s.MustOrg(t, org.Org{Name: "鹿城区城南小学", Kind: org.KindSchool, RegionCode: "330302", SchoolCode: "2330000077",
		Stages: []string{"primary"}, Locale: "urban"})
	s.MustPerson(t, org.Person{Name: "钱名师", OrgID: town, Subjects: []string{"数学"}, Stages: []string{"primary"}, Title: "senior", Tier: "master"})
	c := s.As("county_a")
	page := fmt.Sprintf("/rounds/%d", f.Round)
	if res, body := c.Post(page+"/plan", nil); res.StatusCode == 303 || !strings.Contains(body, "建议的团队") {
		t.Fatalf("plan without teams: %d", res.StatusCode)
	}
	_, body := c.Get(page)
	if !strings.Contains(body, `id="proposals"`) || !strings.Contains(body, "钱名师（鹿城区城南小学，名师名校长）") {
		t.Fatalf("round page lacks the proposed team:\n%s", body)
	}
	if res, body := c.Post(page+"/teams/accept", nil); res.StatusCode != 303 {
		t.Fatalf("accept all: %d %s", res.StatusCode, body)
	}
	if res, body := c.Post(page+"/plan", nil); res.StatusCode != 303 {
		t.Fatalf("plan after accepting: %d %s", res.StatusCode, body)
	}
	_, body = c.Get(page)
	if strings.Contains(body, `id="proposals"`) || !strings.Contains(body, "钱名师") {
		t.Fatalf("after accepting, the team with its member should show and no proposal:\n%s", body)
	}
	if res, _ := s.As("county_b").Post(page+"/teams/accept", nil); res.StatusCode != 404 {
		t.Fatalf("county B accepted county A's proposals: %d", res.StatusCode)
	}
}
