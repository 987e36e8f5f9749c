package notifyweb_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/notifyweb"
	"jiaoyan/internal/web/webtest"
)

func addTodo(t *testing.T, s *webtest.Site, username, key, title string) {
	t.Helper()
	ctx := context.Background()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		return notify.AddTodo(ctx, tx, notify.Todo{UserID: web.ParseID(s.UserID(username)), Key: key, Source: "教研活动",
			Title: title, Link: "/todo"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The 工作台 puts 待办 first, then 通知公告; a teacher sees no region
// counters, a county administrator does; the header badge counts todos.
func TestHomeTodosFirstAndCountersByRole(t *testing.T) {
	s := webtest.New(t)
	addTodo(t, s, "teacher_a", "a:1", "提交听课记录")
	addTodo(t, s, "teacher_a", "a:2", "完成培训问卷")
	notifyweb.NoticeIn(t, s.World, s.SchoolAdminA, s.SchoolA, "期中教学检查安排", false)

	_, body := s.As("teacher_a").Get("/")
	todo, notice := strings.Index(body, "提交听课记录"), strings.Index(body, "期中教学检查安排")
	if todo < 0 || notice < 0 || todo > notice {
		t.Fatalf("home must list the todo (%d) before the notice (%d)", todo, notice)
	}
	if strings.Contains(body, "stat-schools") {
		t.Fatal("a teacher's home shows region counters")
	}
	if !strings.Contains(body, `id="todo-badge" aria-label="待办 2 项">待办<b>2</b>`) {
		t.Fatal("header badge does not show 2 open todos")
	}
	if _, body := s.As("county_a").Get("/"); !strings.Contains(body, "stat-schools") || strings.Contains(body, "提交听课记录") {
		t.Fatal("county admin's home: counters missing or another user's todo shown")
	}
	ctx := context.Background()
	s.DB.Write(ctx, func(tx *db.Tx) error { _, err := notify.CloseTodos(ctx, tx, "a:1"); return err })
	if _, body := s.As("teacher_a").Get("/todo"); strings.Contains(body, "提交听课记录") || !strings.Contains(body, "待办<b>1</b>") {
		t.Fatal("a closed todo is still listed or counted")
	}
}

// A publisher sends a 需回执 notice to one school; a teacher there reads and
// confirms it; the publisher sees who has not read and exports the list.
func TestNoticeWithReceiptsThroughThePages(t *testing.T) {
	s := webtest.New(t)
	notifyweb.GrantPublish(t, s.World, "county_admin")
	web.TestUser(t, s.World, s.MustPerson(t, personAt(s)), "teacher_a2", "teacher")
	county := s.As("county_a")
	res, body := county.Post("/notices", web.Form("title", "关于报送课题的通知", "body", "第一行\n<script>alert(1)</script>",
		"orgs", fmt.Sprint(s.SchoolA), "roles", "teacher", "needs_receipt", "1"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", res.StatusCode, body)
	}
	path := strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")

	teacher := s.As("teacher_a")
	if _, body := teacher.Get("/notices"); !strings.Contains(body, "关于报送课题的通知") || !strings.Contains(body, "未确认") {
		t.Fatal("teacher's notice list lacks the notice awaiting a receipt")
	}
	_, body = teacher.Get(path)
	if strings.Contains(body, "<script>alert(1)</script>") || !strings.Contains(body, "&lt;script&gt;") || !strings.Contains(body, "我已阅读") {
		t.Fatal("notice body not shown as text, or no 已读 button")
	}
	if _, body := s.As("school_a").Get(path); strings.Contains(body, "我已阅读") {
		t.Fatal("a school admin outside the notice's roles is asked to confirm it")
	}
	if res, _ := teacher.Post(path+"/read", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("receipt: %d", res.StatusCode)
	}
	if _, body := teacher.Get(path); !strings.Contains(body, "已确认阅读") {
		t.Fatal("receipt not shown after confirming")
	}
	_, body = county.Get(path + "/receipts")
	if !strings.Contains(body, "李鹿城") || strings.Contains(body, "陈鹿城") {
		t.Fatal("unread list must name the teacher who has not read, not the one who has")
	}
	res, body = county.Get(path + "/receipts?export=1")
	if text := webtest.Readable(t, res, body); !strings.Contains(text, "鹿城区实验小学|李鹿城|未读") || strings.Contains(text, "陈鹿城") {
		t.Fatalf("unread export: %s", text)
	}
	if res, _ := teacher.Get(path + "/receipts"); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Fatalf("a teacher opened the receipts page: %d", res.StatusCode)
	}
}

func TestNoticeAttachmentUploadAndDownload(t *testing.T) {
	s := webtest.New(t)
	id := notifyweb.NoticeIn(t, s.World, s.SchoolAdminA, s.SchoolA, "附件通知", false)
	notifyweb.GrantPublish(t, s.World, "school_admin")
	pdf := "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "活动安排.pdf")
	fw.Write([]byte(pdf))
	mw.Close()
	c := s.As("school_a")
	res, err := c.Client.Post(fmt.Sprintf("%s/notices/%d/files", c.Base, id), mw.FormDataContentType(), &buf)
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %v %v", err, res.Status)
	}
	_, body := s.As("teacher_a").Get(fmt.Sprintf("/notices/%d", id))
	i := strings.Index(body, fmt.Sprintf("/notices/%d/files/", id))
	if i < 0 || !strings.Contains(body, "活动安排.pdf") {
		t.Fatal("reader does not see the attachment")
	}
	link := body[i : i+strings.IndexByte(body[i:], '"')]
	res, got := s.As("teacher_a").Get(link)
	if res.StatusCode != 200 || got != pdf || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %q %s", res.StatusCode, got, res.Header.Get("Content-Disposition"))
	}
}

// The home counters are the maintained figures with the time they were
// last changed; adding a person shows at once.
func TestHomeCountersFollowWritesAndShowTheirTime(t *testing.T) {
	s := webtest.New(t)
	_, before := s.As("county_a").Get("/")
	if !strings.Contains(before, `id="stat-time">统计于 `) {
		t.Fatal("home counters do not show the time of the figure")
	}
	if !strings.Contains(before, `<b>3</b>在职人员`) {
		t.Fatal("county A's home does not count its 3 people")
	}
	if _, err := s.Org.CreatePerson(context.Background(), s.CountyA, org.Person{Name: "新教师", OrgID: s.SchoolA}); err != nil {
		t.Fatal(err)
	}
	if _, after := s.As("county_a").Get("/"); !strings.Contains(after, `<b>4</b>在职人员`) {
		t.Fatal("a new person is not counted on the home page")
	}
}
