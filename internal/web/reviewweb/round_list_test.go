package reviewweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// County A's administrator lists its 比拼 rounds: each links to its round
// page with its 学年, 学段 and phase states; county B's round is not
// listed; past one page the list pages; a teacher cannot open it.
func TestRoundListShowsOwnRoundsAndPages(t *testing.T) {
	s := webtest.New(t)
	first, _ := reviewweb.NewRound(t, s.World, "a", "鹿城第一轮")
	reviewweb.NewRound(t, s.World, "b", "龙湾区比拼学期")
	c := s.As("county_a")
	_, body := c.Get("/contest-rounds")
	y := dict.SchoolYearOf(time.Now().In(web.CST))
	for _, want := range []string{fmt.Sprintf(`href="/contest-rounds/%d"`, first), "鹿城第一轮校本研修比拼", fmt.Sprintf("%d学年", y),
		"中学", "学期初校本研修方案比拼</a> · 申报中", "学期初校本研修方案比拼：申报中"} {
		if !strings.Contains(body, want) {
			t.Fatalf("round list lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "龙湾区比拼学期") {
		t.Fatal("county A's list shows county B's round")
	}
	if _, menu := c.Get("/"); !strings.Contains(menu, `href="/contest-rounds"`) {
		t.Error("no 校本研修比拼 menu entry for the county administrator")
	}
	svc := reviewweb.ServiceOf(s.World)
	svc.Policy = &policy.Service{DB: s.DB}
	d := func(m, dd int) string {
		return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, web.CST).Format("2006-01-02")
	}
	rubric := []review.RubricItem{{Name: "总评", Max: 100}}
	for i := range web.PageSize {
		if _, _, err := svc.CreateContestRound(context.Background(), s.World.CountyA, review.ContestRound{OrgID: s.World.BureauA,
			Term: fmt.Sprintf("鹿城补充轮%02d", i), Reviewers: 1, Rubrics: [3][]review.RubricItem{rubric, rubric, rubric},
			Dates: [3][2]string{{d(9, 10), d(9, 30)}, {d(11, 1), d(11, 20)}, {d(12, 20), d(12, 31)}}}); err != nil {
			t.Fatal(err)
		}
	}
	_, body = c.Get("/contest-rounds")
	if strings.Contains(body, "鹿城第一轮") || !strings.Contains(body, "下一页") {
		t.Fatalf("page 1 of %d rounds shows the oldest or no next link:\n%s", web.PageSize+1, body)
	}
	if _, body = c.Get("/contest-rounds?page=2"); !strings.Contains(body, "鹿城第一轮") || strings.Contains(body, "鹿城补充轮") {
		t.Fatalf("page 2 does not hold just the oldest round:\n%s", body)
	}
	if _, body = c.Get(fmt.Sprintf("/contest-rounds?year=%d", y-1)); !strings.Contains(body, "暂无比拼轮次") {
		t.Fatalf("last 学年's filter still lists rounds:\n%s", body)
	}
	if res, _ := s.As("teacher_a").Get("/contest-rounds"); res.StatusCode != 403 {
		t.Fatalf("a teacher opens the round list: %d", res.StatusCode)
	}
}
