package notify_test

import (
	"errors"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// A change that fails after writing its todo leaves no todo behind: the todo
// shares the change's transaction.
func TestTodoOfFailedChangeIsNotLeftBehind(t *testing.T) {
	f := newFixture(t)
	boom := errors.New("学校审核保存失败")
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE orgs SET address = ? WHERE id = ?", "新地址", f.SchoolA); err != nil {
			return err
		}
		if err := notify.AddTodo(ctx, tx, notify.Todo{UserID: f.SchoolAdminA.UserID, Key: "claim:1:school",
			Source: "学分认定", Title: "审核陈鹿城的学分申请", Link: "/claims/1"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("want the change's error, got %v", err)
	}
	if n, err := f.svc.OpenTodoCount(ctx, f.SchoolAdminA); err != nil || n != 0 {
		t.Fatalf("a failed change left %d todos (err %v)", n, err)
	}
	var addr string
	f.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT address FROM orgs WHERE id = ?", f.SchoolA).Scan(&addr)
	})
	if addr == "新地址" {
		t.Fatal("the failed change itself was committed")
	}
}

func TestTodoAddedWithChangeAndClosedWhenDone(t *testing.T) {
	f := newFixture(t)
	add := func(title string, due time.Time) {
		t.Helper()
		err := f.DB.Write(ctx, func(tx *db.Tx) error {
			return notify.AddTodo(ctx, tx, notify.Todo{PersonID: f.TeacherA, Key: "report:7", Source: "教研活动",
				Title: title, Link: "/activities/7", Due: due})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	add("提交活动记录", time.Time{})
	add("提交活动记录（已延期）", f.now.AddDate(0, 0, 5))
	todos, total, err := f.svc.FindTodos(ctx, f.TeacherUserA, notify.TodoFilter{})
	if err != nil || total != 1 || len(todos) != 1 {
		t.Fatalf("same key twice must give one open todo, got %d (%v)", total, err)
	}
	if todos[0].Title != "提交活动记录（已延期）" || todos[0].Source != "教研活动" || todos[0].Link != "/activities/7" ||
		todos[0].Due.Format(time.DateOnly) != "2026-03-15" {
		t.Fatalf("todo not updated: %+v", todos[0])
	}
	if others, n, _ := f.svc.FindTodos(ctx, f.teacherA2, notify.TodoFilter{}); n != 0 || len(others) != 0 {
		t.Fatalf("another user sees %d of this user's todos", n)
	}
	err = f.DB.Write(ctx, func(tx *db.Tx) error {
		n, err := notify.CloseTodos(ctx, tx, "report:7")
		if n != 1 {
			t.Errorf("closed %d todos, want 1", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := f.svc.OpenTodoCount(ctx, f.TeacherUserA); n != 0 {
		t.Fatalf("badge shows %d after the work was done", n)
	}
	done, _, _ := f.svc.FindTodos(ctx, f.TeacherUserA, notify.TodoFilter{Done: true})
	if len(done) != 1 || done[0].Done.IsZero() {
		t.Fatalf("done list: %+v", done)
	}
}

func TestTodoRefusesForeignLinksAndMissingFields(t *testing.T) {
	f := newFixture(t)
	for _, td := range []notify.Todo{
		{UserID: f.TeacherUserA.UserID, Key: "k", Source: "来源", Title: "标题", Link: "https://evil.example/x"},
		{UserID: f.TeacherUserA.UserID, Key: "k", Source: "来源", Title: "标题", Link: "//evil.example/x"},
		{UserID: f.TeacherUserA.UserID, Key: "k", Source: "来源", Title: "标题", Link: "javascript:alert(1)"},
		{UserID: f.TeacherUserA.UserID, Key: "", Source: "来源", Title: "标题"},
		{Key: "k", Source: "来源", Title: "标题"},
	} {
		err := f.DB.Write(ctx, func(tx *db.Tx) error { return notify.AddTodo(ctx, tx, td) })
		wantCode(t, err, app.EINVALID)
	}
}

func TestTodosForUsersAtOneSchool(t *testing.T) {
	f := newFixture(t)
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		users, err := notify.UsersAt(ctx, tx, f.SchoolA, "school_admin")
		if err != nil {
			return err
		}
		if len(users) != 1 || users[0] != f.SchoolAdminA.UserID {
			t.Errorf("school admins of school A: %v", users)
		}
		return notify.AddTodos(ctx, tx, users, notify.Todo{Key: "group:3", Source: "教研组报备", Title: "审核教研组报备"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := f.svc.OpenTodoCount(ctx, f.SchoolAdminA); n != 1 {
		t.Fatalf("school admin has %d todos, want 1", n)
	}
	if n, _ := f.svc.OpenTodoCount(ctx, f.TeacherUserA); n != 0 {
		t.Fatalf("teacher got the admin's todo")
	}
}
