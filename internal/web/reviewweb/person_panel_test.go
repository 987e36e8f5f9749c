package reviewweb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// A person's 课题 appear on their person page (orgweb's, through the kit's
// person panels): the leader and the county office see the number, level,
// stage, year and role; a member in another county is seen there by their
// own county's office, which may not open the project, so no panel shows.
func TestPersonPageListsTheProjectsTheViewerMayOpen(t *testing.T) {
	s := webtest.New(t)
	f, id := reviewweb.NewProject(t, s.World, "a", "鹿城区课题")
	p, _, err := f.Svc.FindProjectByID(context.Background(), f.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	leader := s.ActorOf(t, f.Author).PersonID
	// 陈鹿城 (county A) and 王龙湾 (county B) are members of the application.
	if err := s.DB.Exec(context.Background(), "UPDATE review_submissions SET coauthors = ? WHERE id = ?",
		fmt.Sprintf("%d,%d", s.TeacherA, s.TeacherB), f.Submission); err != nil {
		t.Fatal(err)
	}
	row := func(role string) string {
		return fmt.Sprintf(`<td><a href="/projects/%d">%s</a></td><td>鹿城区课题申报项目</td><td>县级</td><td>已立项</td><td>%d</td><td>%s</td>`,
			id, p.Number, p.Year, role)
	}
	county := s.As("county_a")
	if _, body := county.Get(fmt.Sprintf("/people/%d", leader)); !strings.Contains(body, "<h2>课题</h2>") || !strings.Contains(body, row("主持人")) {
		t.Fatalf("the office does not see the leader's project:\n%s", body)
	}
	if _, body := county.Get(fmt.Sprintf("/people/%d", s.TeacherA)); !strings.Contains(body, row("成员")) {
		t.Fatal("the office does not see the member's project")
	}
	if _, body := s.As(f.Author).Get(fmt.Sprintf("/people/%d", leader)); !strings.Contains(body, row("主持人")) {
		t.Fatal("the leader does not see their own project on their record")
	}
	res, body := s.As("county_b").Get(fmt.Sprintf("/people/%d", s.TeacherB))
	if res.StatusCode != 200 || !strings.Contains(body, "王龙湾") || strings.Contains(body, p.Number) || strings.Contains(body, "<h2>课题</h2>") {
		t.Fatalf("county B's office sees county A's project on its member's page: %d", res.StatusCode)
	}
	// A person with no project has no panel.
	if _, body := county.Get(fmt.Sprintf("/people/%d", s.CountyA.PersonID)); strings.Contains(body, "<h2>课题</h2>") {
		t.Fatal("an empty project panel is shown")
	}
}
