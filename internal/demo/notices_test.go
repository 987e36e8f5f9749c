package demo

import (
	"context"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
)

// TestEverySampleHomeIsAlive signs in as every sample account of a person
// on the small demo: each home has at least one 待办 or 通知公告, teachers have
// a notice for their school and a 需回执 they have not confirmed, and the
// city administrator's 需回执 notice shows some recipients read and some not.
func TestEverySampleHomeIsAlive(t *testing.T) {
	if testing.Short() {
		t.Skip("demo region")
	}
	env, _, sum := liveDemo(t)
	ctx := context.Background()
	ns := &notify.Service{DB: env.DB}
	todosSeen := 0
	for _, a := range sum.Accounts {
		if a.Person == "" {
			continue // the 三员 have no organisation to be addressed
		}
		actor := signIn(t, env, sum, a.Username)
		todos, nTodo, err := ns.FindTodos(ctx, actor, notify.TodoFilter{})
		if err != nil {
			t.Fatal(err)
		}
		notices, nNotice, err := ns.FindNotices(ctx, actor, notify.NoticeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if nTodo+nNotice == 0 {
			t.Errorf("%s（%s）: an empty home", a.Username, a.RoleName)
		}
		todosSeen += len(todos)
		if a.Role == auth.RoleTeacher {
			pending, _ := ns.PendingReceiptCount(ctx, actor)
			if len(notices) == 0 || pending == 0 {
				t.Errorf("%s: %d notices, %d unconfirmed 需回执; want both", a.Username, len(notices), pending)
			}
		}
	}
	if todosSeen == 0 {
		t.Error("no sample account has a 待办 from the demo's rounds and stations")
	}
	city := signIn(t, env, sum, "demo.city")
	mine, _, err := ns.FindNotices(ctx, city, notify.NoticeFilter{Managed: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range mine {
		if !n.NeedsReceipt || !strings.HasPrefix(n.Title, "温州市教育局") {
			continue
		}
		byOrg, err := ns.ReceiptsByOrg(ctx, city, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		read, unread := 0, 0
		for _, o := range byOrg {
			read, unread = read+o.Read, unread+o.Unread()
		}
		if read == 0 || unread == 0 {
			t.Fatalf("receipts of %s: %d read, %d unread; want some of each", n.Title, read, unread)
		}
		return
	}
	t.Fatalf("the city administrator manages no 需回执 notice: %+v", mine)
}
