package notify_test

import (
	"fmt"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/testutil"
)

// benchWorld adds users teachers at school A (all holding the teacher
// role), each with todosEach open todos.
func benchWorld(b *testing.B, users, todosEach int) (*testutil.World, *notify.Service, []int64) {
	w := testutil.NewWorld(b)
	svc := &notify.Service{DB: w.DB}
	var ids []int64
	err := w.DB.Write(ctx, func(tx *db.Tx) error {
		var role int64
		if err := tx.QueryRow(ctx, "SELECT id FROM roles WHERE code = 'teacher'").Scan(&role); err != nil {
			return err
		}
		for i := range users {
			pid, err := tx.InsertID(ctx, `INSERT INTO people (name, org_id, created_at, updated_at) VALUES (?, ?, 0, 0) RETURNING id`,
				fmt.Sprintf("教师%d", i), w.SchoolA)
			if err != nil {
				return err
			}
			uid, err := tx.InsertID(ctx, `INSERT INTO users (username, person_id, password_hash, password_changed_at, created_at)
				VALUES (?, ?, 'x', 0, 0) RETURNING id`, fmt.Sprintf("bench%d", i), pid)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", uid, role); err != nil {
				return err
			}
			for j := range todosEach {
				if err := notify.AddTodo(ctx, tx, notify.Todo{UserID: uid, Key: fmt.Sprintf("k%d", j), Source: "测试", Title: "待办"}); err != nil {
					return err
				}
			}
			ids = append(ids, uid)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return w, svc, ids
}

// BenchmarkOpenTodoCount is the header badge: one user's open todos among
// 2,000 users × 20 todos.
func BenchmarkOpenTodoCount(b *testing.B) {
	_, svc, ids := benchWorld(b, 2000, 20)
	a := app.Actor{UserID: ids[len(ids)/2]}
	b.ResetTimer()
	for b.Loop() {
		if n, err := svc.OpenTodoCount(ctx, a); err != nil || n != 20 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkReceiptsByOrg counts read and unread of a notice addressed to
// 5,000 teachers.
func BenchmarkReceiptsByOrg(b *testing.B) {
	w, svc, _ := benchWorld(b, 5000, 0)
	pub := withPerm(w.CountyA, notify.PermNoticePublish)
	id, err := svc.CreateNotice(ctx, pub, notify.Notice{Title: "回执测试", NeedsReceipt: true,
		Audience: notify.Audience{RegionCodes: []string{"330302"}, Roles: []string{"teacher"}}}, true)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := svc.ReceiptsByOrg(ctx, pub, id)
		if err != nil || len(rows) != 1 || rows[0].Total != 5001 {
			b.Fatal(rows, err)
		}
	}
}
