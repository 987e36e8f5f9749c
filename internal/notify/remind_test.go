package notify_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

func (f *fixture) todo(t *testing.T, key string, due time.Time) {
	t.Helper()
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		return notify.AddTodo(ctx, tx, notify.Todo{UserID: f.TeacherUserA.UserID, Key: key, Source: "教研活动",
			Title: "提交 " + key, Link: "/todo", Due: due})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func inbox(t *testing.T, f *fixture, a app.Actor) []string {
	t.Helper()
	ms, _, err := f.svc.FindMessages(ctx, a, notify.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Title)
	}
	return out
}

// DueSoon reminds once for each open todo due within the window (or
// overdue), and never for one far off or done.
func TestDueSoonRemindsOnceBeforeTheDueDate(t *testing.T) {
	f := newFixture(t)
	f.todo(t, "soon", f.now.AddDate(0, 0, 3))
	f.todo(t, "late", f.now.AddDate(0, 0, -1))
	f.todo(t, "far", f.now.AddDate(0, 0, 4))
	f.todo(t, "done", f.now.AddDate(0, 0, 1))
	f.DB.Write(ctx, func(tx *db.Tx) error { _, err := notify.CloseTodos(ctx, tx, "done"); return err })
	f.todo(t, "nodue", time.Time{})

	n, err := f.svc.DueSoon(ctx, 3)
	if err != nil || n != 2 {
		t.Fatalf("first run sent %d (%v), want 2", n, err)
	}
	got := strings.Join(inbox(t, f, f.TeacherUserA), "|")
	if !strings.Contains(got, "待办即将到期：提交 soon") || !strings.Contains(got, "待办已逾期：提交 late") || strings.Contains(got, "far") {
		t.Fatalf("inbox: %s", got)
	}
	if n, _ := f.svc.DueSoon(ctx, 3); n != 0 {
		t.Fatalf("second run sent %d again", n)
	}
	f.now = f.now.AddDate(0, 0, 1)
	if n, _ := f.svc.DueSoon(ctx, 3); n != 1 {
		t.Fatalf("next day the far todo enters the window: sent %d, want 1", n)
	}
	if c, _ := f.svc.UnreadMessageCount(ctx, f.TeacherUserA); c != 3 {
		t.Fatalf("unread messages %d, want 3", c)
	}
	if c, _ := f.svc.UnreadMessageCount(ctx, f.teacherA2); c != 0 {
		t.Fatalf("another user got %d reminders", c)
	}
}

func TestRemindIsOnceAndMayAddATodo(t *testing.T) {
	f := newFixture(t)
	r := notify.Reminder{PersonID: f.TeacherA, Key: "pace:2025-2:1", Title: "本学期在校天数落后于进度",
		Body: "已记录 3 天，按进度应有 8 天", Link: "/liaison/my",
		Todo: &notify.Todo{Source: "蹲点视导", Title: "补记到校记录", Link: "/visits/new"}}
	for i, want := range []bool{true, false} {
		var sent bool
		err := f.DB.Write(ctx, func(tx *db.Tx) error {
			var err error
			sent, err = notify.Remind(ctx, tx, r)
			return err
		})
		if err != nil || sent != want {
			t.Fatalf("run %d: sent=%v err=%v, want sent=%v", i+1, sent, err, want)
		}
	}
	if got := inbox(t, f, f.TeacherUserA); len(got) != 1 || got[0] != "本学期在校天数落后于进度" {
		t.Fatalf("inbox %q", got)
	}
	if n, _ := f.svc.OpenTodoCount(ctx, f.TeacherUserA); n != 1 {
		t.Fatalf("todos %d, want 1", n)
	}
}

func TestMessagesArePrivate(t *testing.T) {
	f := newFixture(t)
	f.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := notify.Send(ctx, tx, notify.Message{UserID: f.TeacherUserA.UserID, Title: "消息一"})
		return err
	})
	ms, _, _ := f.svc.FindMessages(ctx, f.TeacherUserA, notify.MessageFilter{})
	err := f.svc.MarkMessageRead(ctx, f.teacherA2, ms[0].ID)
	wantCode(t, err, app.ENOTFOUND)
	if err := f.svc.MarkMessageRead(ctx, f.TeacherUserA, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.svc.UnreadMessageCount(ctx, f.TeacherUserA); c != 0 {
		t.Fatalf("still %d unread", c)
	}
}
