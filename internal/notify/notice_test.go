package notify_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
	"jiaoyan/internal/notify"
)

func (f *fixture) publish(t *testing.T, by app.Actor, n notify.Notice) int64 {
	t.Helper()
	id, err := f.svc.CreateNotice(ctx, by, n, true)
	if err != nil {
		t.Fatalf("publish %s: %v", n.Title, err)
	}
	return id
}

func titles(t *testing.T, f *fixture, a app.Actor) []string {
	t.Helper()
	ns, _, err := f.svc.FindNotices(ctx, a, notify.NoticeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Title)
	}
	return out
}

// A notice reaches exactly its audience: the organisations under its
// targets, narrowed to its roles.
func TestNoticeReachesOnlyItsAudience(t *testing.T) {
	f := newFixture(t)
	f.publish(t, f.countyPub, notify.Notice{Title: "鹿城区教师通知", Body: "请各位老师注意",
		Audience: notify.Audience{RegionCodes: []string{"330302"}, Roles: []string{"teacher"}}})
	f.publish(t, f.schoolPub, notify.Notice{Title: "实验小学全体", Audience: notify.Audience{OrgIDs: []int64{f.SchoolA}}})
	cases := []struct {
		who  string
		a    app.Actor
		want string
	}{
		{"teacher at school A", f.TeacherUserA, "实验小学全体|鹿城区教师通知"},
		{"school admin A (not a teacher)", f.SchoolAdminA, "实验小学全体"},
		{"teacher in county B", f.teacherB, ""},
		{"county B admin", f.CountyB, ""},
	}
	for _, c := range cases {
		got := strings.Join(titles(t, f, c.a), "|")
		if c.want == "" && got != "" || c.want != "" && !sameSet(got, c.want) {
			t.Errorf("%s sees %q, want %q", c.who, got, c.want)
		}
	}
}

func sameSet(a, b string) bool {
	as, bs := strings.Split(a, "|"), strings.Split(b, "|")
	if len(as) != len(bs) {
		return false
	}
	m := map[string]bool{}
	for _, x := range as {
		m[x] = true
	}
	for _, x := range bs {
		if !m[x] {
			return false
		}
	}
	return true
}

func TestNoticeAudienceMustLieInPublisherScope(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.CreateNotice(ctx, f.schoolPub, notify.Notice{Title: "越权", Audience: notify.Audience{RegionCodes: []string{"330302"}}}, true)
	wantCode(t, err, app.EINVALID)
	_, err = f.svc.CreateNotice(ctx, f.countyPub, notify.Notice{Title: "越权", Audience: notify.Audience{OrgIDs: []int64{f.SchoolB}}}, true)
	wantCode(t, err, app.EINVALID)
	_, err = f.svc.CreateNotice(ctx, f.TeacherUserA, notify.Notice{Title: "无权限", Audience: notify.Audience{OrgIDs: []int64{f.SchoolA}}}, true)
	wantCode(t, err, app.EFORBIDDEN)
	_, err = f.svc.CreateNotice(ctx, f.countyPub, notify.Notice{Title: "无范围"}, true)
	wantCode(t, err, app.EINVALID)
}

func TestNoticeOrderExpiryDraftAndWithdraw(t *testing.T) {
	f := newFixture(t)
	aud := notify.Audience{OrgIDs: []int64{f.SchoolA}}
	f.publish(t, f.schoolPub, notify.Notice{Title: "普通", Audience: aud})
	f.now = f.now.Add(time.Hour)
	f.publish(t, f.schoolPub, notify.Notice{Title: "明天过期", Audience: aud, Expires: f.now.AddDate(0, 0, 1)})
	f.publish(t, f.schoolPub, notify.Notice{Title: "置顶", Audience: aud, Pinned: true})
	draft, err := f.svc.CreateNotice(ctx, f.schoolPub, notify.Notice{Title: "草稿", Audience: aud}, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(t, f, f.TeacherUserA), "|"); got != "置顶|明天过期|普通" {
		t.Fatalf("teacher's list: %q", got)
	}
	if _, err := f.svc.FindNoticeByID(ctx, f.TeacherUserA, draft); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("a draft is readable by its audience: %v", err)
	}
	f.now = f.now.AddDate(0, 0, 2)
	if got := strings.Join(titles(t, f, f.TeacherUserA), "|"); got != "置顶|普通" {
		t.Fatalf("after expiry: %q", got)
	}
	ns, _, _ := f.svc.FindNotices(ctx, f.schoolPub, notify.NoticeFilter{Query: "置顶"})
	if err := f.svc.Withdraw(ctx, f.schoolPub, ns[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(titles(t, f, f.TeacherUserA), "|"); got != "普通" {
		t.Fatalf("after withdrawal: %q", got)
	}
	managed, total, err := f.svc.FindNotices(ctx, f.schoolPub, notify.NoticeFilter{Managed: true})
	if err != nil || total != 4 || len(managed) != 4 {
		t.Fatalf("publisher manages %d notices (%v), want all 4", total, err)
	}
	if _, n, _ := f.svc.FindNotices(ctx, withPerm(f.CountyB, notify.PermNoticePublish), notify.NoticeFilter{Managed: true}); n != 0 {
		t.Fatalf("county B manages %d of county A's notices", n)
	}
}

// 需回执: readers confirm, the publisher sees who has not read, by
// organisation, and can export the list.
func TestNoticeReceiptsAndUnreadList(t *testing.T) {
	f := newFixture(t)
	id := f.publish(t, f.countyPub, notify.Notice{Title: "期中教学检查", NeedsReceipt: true,
		Audience: notify.Audience{RegionCodes: []string{"330302"}, Roles: []string{"teacher"}}})
	if n, _ := f.svc.PendingReceiptCount(ctx, f.TeacherUserA); n != 1 {
		t.Fatalf("pending receipts %d, want 1", n)
	}
	at, err := f.svc.MarkRead(ctx, f.TeacherUserA, id)
	if err != nil || at.IsZero() {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Hour)
	again, _ := f.svc.MarkRead(ctx, f.TeacherUserA, id)
	if !again.Equal(at) {
		t.Fatalf("second receipt moved the read time from %v to %v", at, again)
	}
	if n, _ := f.svc.PendingReceiptCount(ctx, f.TeacherUserA); n != 0 {
		t.Fatalf("pending after reading: %d", n)
	}
	_, err = f.svc.MarkRead(ctx, f.teacherB, id)
	wantCode(t, err, app.ENOTFOUND)

	unread, total, err := f.svc.Recipients(ctx, f.countyPub, id, notify.RecipientFilter{UnreadOnly: true})
	if err != nil || total != 1 || unread[0].Name != "李鹿城" || unread[0].OrgName != "鹿城区实验小学" {
		t.Fatalf("unread list: %+v (%v)", unread, err)
	}
	byOrg, err := f.svc.ReceiptsByOrg(ctx, f.countyPub, id)
	if err != nil || len(byOrg) != 1 || byOrg[0].Total != 2 || byOrg[0].Read != 1 || byOrg[0].Unread() != 1 {
		t.Fatalf("by organisation: %+v (%v)", byOrg, err)
	}
	_, _, err = f.svc.Recipients(ctx, f.TeacherUserA, id, notify.RecipientFilter{})
	wantCode(t, err, app.ENOTFOUND)
	_, _, err = f.svc.Recipients(ctx, withPerm(f.CountyB, notify.PermNoticePublish), id, notify.RecipientFilter{})
	wantCode(t, err, app.ENOTFOUND)

	var buf bytes.Buffer
	if err := f.svc.ExportRecipients(ctx, f.countyPub, id, notify.RecipientFilter{UnreadOnly: true}, &buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	if len(rows) != 2 || strings.Join(rows[1], ",") != "鹿城区实验小学,李鹿城,未读" {
		t.Fatalf("export rows: %q", rows)
	}
}

func TestNoticeStaleEditIsRefused(t *testing.T) {
	f := newFixture(t)
	id := f.publish(t, f.schoolPub, notify.Notice{Title: "原标题", Audience: notify.Audience{OrgIDs: []int64{f.SchoolA}}})
	n, err := f.svc.FindNoticeByID(ctx, f.schoolPub, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Audience.OrgIDs) != 1 || n.Audience.OrgIDs[0] != f.SchoolA || n.Targets[0].Label != "鹿城区实验小学" {
		t.Fatalf("audience read back: %+v %+v", n.Audience, n.Targets)
	}
	first, second := n, n
	first.Title = "县局修改"
	if err := f.svc.UpdateNotice(ctx, f.countyPub, first); err != nil {
		t.Fatal(err)
	}
	second.Body = "学校修改"
	err = f.svc.UpdateNotice(ctx, f.schoolPub, second)
	wantCode(t, err, app.ECONFLICT)
	if !strings.Contains(app.ErrorMessage(err), "county_a") {
		t.Fatalf("conflict message does not name who changed it: %s", app.ErrorMessage(err))
	}
	err = f.svc.UpdateNotice(ctx, withPerm(f.CountyB, notify.PermNoticePublish), first)
	wantCode(t, err, app.ENOTFOUND)
}
