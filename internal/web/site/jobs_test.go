package site_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

// A job whose process was killed shows 已中断 with the reason, not
// 运行中; 重新运行 imports the retained upload as a new job.
func TestInterruptedJobShowsItAndReruns(t *testing.T) {
	s := webtest.New(t)
	ctx := context.Background()
	c := s.As("county_a")
	rows, _ := roster(400, 2, false)
	id, err := s.Server.Jobs.Add(ctx, s.ActorOf(t, "county_a"), jobs.NewJob{Kind: "import.people", Message: "排队中",
		Params: `{"update":false}`, InputName: "名单.csv", Input: csvOf(rows)})
	if err != nil {
		t.Fatal(err)
	}
	// The process that started it died at once: running, no heartbeat since.
	if err := s.DB.Exec(ctx, "UPDATE jobs SET status = 'running', heartbeat_at = 0 WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	path := "/jobs/" + itoa(id)
	_, page := c.Get(path)
	if !strings.Contains(page, "已中断") || !strings.Contains(page, jobs.MsgInterrupted) || strings.Contains(page, "任务在服务器上继续进行") {
		t.Fatalf("interrupted job page: %s", page)
	}
	if !strings.Contains(page, `action="`+path+`/rerun"`) || !strings.Contains(page, "重新运行") {
		t.Fatalf("no 重新运行 button: %s", page)
	}
	if res, _ := s.As("school_a").Post(path+"/rerun", nil); res.StatusCode != http.StatusNotFound {
		t.Fatalf("another user reran the job: %d", res.StatusCode)
	}
	res, _ := c.Post(path+"/rerun", nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/jobs/\d+$`).MatchString(loc) || loc == path {
		t.Fatalf("rerun: %d %q", res.StatusCode, loc)
	}
	if page := c.WaitJob(loc, nil); !strings.Contains(page, "新增 2 条") {
		t.Fatalf("rerun job: %s", page)
	}
	if _, n, _ := s.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{Text: "测试教师400"}); n != 1 {
		t.Fatalf("rerun imported %d people named 测试教师400", n)
	}
	if res, _ := c.Post(loc+"/rerun", nil); res.StatusCode != http.StatusConflict {
		t.Fatalf("rerun of a finished job: %d", res.StatusCode)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
