package reviewweb_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// A pool manager declares an expert's 回避 with a school by name and with
// one submission from its page, sees them on the expert's page and
// withdraws one; county B can do none of it.
func TestConflictsDeclaredAndRemovedOnPages(t *testing.T) {
	s := webtest.New(t)
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StageSubmitted, 0, false)
	c := s.As("county_a")
	expert := fmt.Sprintf("/experts/%d", f.Expert)
	if _, body := c.Post(expert+"/conflicts", url.Values{"org_name": {"没有这所学校"}, "reason": {"曾任教"}}); !strings.Contains(body, "找不到名为“没有这所学校”的单位") {
		t.Fatal("an unknown school name is not refused by name")
	}
	c.Post(expert+"/conflicts", url.Values{"org_name": {"鹿城区实验小学"}, "reason": {"曾在该校任教"}})
	sub := fmt.Sprintf("/submissions/%d", f.Submission)
	if _, body := c.Get(sub); !strings.Contains(body, "登记专家回避") {
		t.Fatal("the submission page has no conflict form for the organiser")
	}
	c.Post(sub+"/conflicts", url.Values{"expert_name": {"鹿城区评比评审专家1"}, "reason": {"申报人为其亲属"}})
	_, body := c.Get(expert)
	if !strings.Contains(body, "单位：鹿城区实验小学（曾在该校任教）") || !strings.Contains(body, "申报项目：鹿城区评比申报项目（申报人为其亲属）") {
		t.Fatal("the expert's page does not list both declarations")
	}
	if _, body := s.As("county_b").Get(sub); strings.Contains(body, "登记专家回避") {
		t.Fatal("county B sees the organiser's conflict form")
	}
	if res, _ := s.As("county_b").Post(sub+"/conflicts", url.Values{"expert_name": {"鹿城区评比评审专家1"}, "reason": {"x"}}); res.StatusCode != 404 && res.StatusCode != 403 {
		t.Fatalf("county B declared a conflict: %d", res.StatusCode)
	}
	cs, err := f.Svc.Conflicts(t.Context(), f.Admin, f.Expert)
	if err != nil || len(cs) != 2 {
		t.Fatalf("conflicts %+v, %v", cs, err)
	}
	c.Post(fmt.Sprintf("%s/conflicts/%d/remove", expert, cs[0].ID), url.Values{"reason": {"误登记"}})
	if _, body := c.Get(expert); strings.Contains(body, "单位：鹿城区实验小学") || !strings.Contains(body, "申报项目：鹿城区评比申报项目") {
		t.Fatal("removing one declaration did not take exactly that one off")
	}
}
