package activityweb_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

// upload posts a file as a multipart form to path.
func upload(c *webtest.Client, path, name string, data []byte) (*http.Response, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		c.T.Fatal(err)
	}
	return res, webtest.ReadBody(res)
}

var fileLink = regexp.MustCompile(`href="(/[a-z]+/\d+/(?:posts/\d+/)?files/\d+)"`)

func TestActivityPlanAndRecordFilesAreScopedLikeTheActivity(t *testing.T) {
	s := webtest.New(t)
	id := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
	county := s.As("county_a")
	before := s.AuditCount()
	if res, body := upload(county, fmt.Sprintf("/activities/%d/files?part=plan", id), "活动方案.txt", []byte("一、课例展示 二、评课")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("plan upload: %d %s", res.StatusCode, body)
	}
	if s.AuditCount() != before+1 {
		t.Fatalf("the upload wrote %d audit rows, want 1", s.AuditCount()-before)
	}
	if res, body := upload(county, fmt.Sprintf("/activities/%d/files?part=plan", id), "照片.png", []byte("<script>alert(1)</script>")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "PNG") {
		t.Fatalf("a script named .png was accepted: %d %s", res.StatusCode, body)
	}
	if res, _ := upload(county, fmt.Sprintf("/activities/%d/files?part=record", id), "记录.txt", []byte("到会 30 人")); res.StatusCode == http.StatusSeeOther {
		t.Error("a record file was taken before the activity began")
	}
	if res, _ := upload(s.As("teacher_a"), fmt.Sprintf("/activities/%d/files?part=plan", id), "我的.txt", []byte("x")); res.StatusCode == http.StatusSeeOther {
		t.Error("a teacher added a file to the organiser's plan")
	}
	// The teacher the activity is open to sees and downloads the plan file.
	_, page := s.As("teacher_a").Get(fmt.Sprintf("/activities/%d", id))
	m := fileLink.FindStringSubmatch(page)
	if !strings.Contains(page, "活动方案.txt") || m == nil {
		t.Fatalf("the teacher does not see the plan file: %s", page)
	}
	res, body := s.As("teacher_a").Get(m[1])
	if res.StatusCode != 200 || body != "一、课例展示 二、评课" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %q %s", res.StatusCode, body, res.Header.Get("Content-Disposition"))
	}
	if res, body := s.As("county_b").Get(m[1]); res.StatusCode != http.StatusNotFound || strings.Contains(body, "课例展示") {
		t.Errorf("county B downloaded county A's plan file: %d", res.StatusCode)
	}
	if err := activityweb.ServiceOf(s.World).End(context.Background(), s.World.ActorOf(t, "county_a"), id, 2, "到会 30 人"); err != nil {
		t.Fatal(err)
	}
	if res, body := upload(county, fmt.Sprintf("/activities/%d/files?part=record", id), "活动记录.txt", []byte("到会 30 人")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record upload after the end: %d %s", res.StatusCode, body)
	}
	if res, _ := upload(county, fmt.Sprintf("/activities/%d/files?part=plan", id), "迟到的方案.txt", []byte("x")); res.StatusCode == http.StatusSeeOther {
		t.Error("a plan file was taken after the activity ended")
	}
	if _, page := county.Get(fmt.Sprintf("/activities/%d", id)); !strings.Contains(page, `id="record-files"`) || !strings.Contains(page, "活动记录.txt") {
		t.Errorf("the record file is not listed: %s", page)
	}
}

func TestThreadPostFilesAreTheAuthorsAndForMembers(t *testing.T) {
	s := webtest.New(t)
	room := activityweb.RoomBy(t, s.World, "county_a", "小学数学虚拟教研室", s.World.TeacherA)
	thread := activityweb.ThreadBy(t, s.World, "teacher_a", room, "分层作业")
	var post int64
	if err := s.DB.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT id FROM room_posts WHERE thread_id = ?", thread).Scan(&post)
	}); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/threads/%d/posts/%d/files", thread, post)
	if res, _ := upload(s.As("county_a"), path, "别人的.txt", []byte("x")); res.StatusCode != http.StatusForbidden {
		t.Errorf("another member attached to the teacher's post: %d", res.StatusCode)
	}
	if res, body := upload(s.As("teacher_a"), path, "作业样例.txt", []byte("三年级分层作业样例")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("author's upload: %d %s", res.StatusCode, body)
	}
	_, page := s.As("county_a").Get(fmt.Sprintf("/threads/%d", thread))
	m := fileLink.FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, "作业样例.txt") {
		t.Fatalf("the post's file is not listed: %s", page)
	}
	if res, body := s.As("county_a").Get(m[1]); res.StatusCode != 200 || body != "三年级分层作业样例" {
		t.Fatalf("member download: %d %q", res.StatusCode, body)
	}
	if res, _ := s.As("county_b").Get(m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B downloaded a room file: %d", res.StatusCode)
	}
}
