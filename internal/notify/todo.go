package notify

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// AddTodo writes t inside the caller's transaction tx, so the todo commits
// or rolls back with the change that creates the work. A todo with the same
// user and Key that is still open is updated (title, link, due) instead of
// duplicated. A todo for a PersonID without an account is skipped: there is
// nobody to act. It returns EINVALID for an incomplete todo.
func AddTodo(ctx context.Context, tx *db.Tx, t Todo) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.UserID == 0 {
		uid, ok, err := UserOfPerson(ctx, tx, t.PersonID)
		if err != nil || !ok {
			return err
		}
		t.UserID = uid
	}
	now := app.Now().UnixMilli()
	_, err := tx.Exec(ctx, `INSERT INTO todos (user_id, todo_key, source, title, link, due, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, todo_key) WHERE done_at = 0
		DO UPDATE SET source = excluded.source, title = excluded.title, link = excluded.link, due = excluded.due,
			reminded_at = CASE WHEN todos.due = excluded.due THEN todos.reminded_at ELSE 0 END`,
		t.UserID, t.Key, t.Source, t.Title, t.Link, dateText(t.Due), now)
	if err != nil {
		return fmt.Errorf("写入待办 %s: %w", t.Key, err)
	}
	return nil
}

// AddTodos adds one todo per user in users, all alike but for the user.
func AddTodos(ctx context.Context, tx *db.Tx, users []int64, t Todo) error {
	for _, u := range users {
		t.UserID, t.PersonID = u, 0
		if err := AddTodo(ctx, tx, t); err != nil {
			return err
		}
	}
	return nil
}

// CloseTodos marks every open todo with key done, inside the caller's
// transaction, and returns how many it closed. Closing a key with no open
// todo is not an error.
func CloseTodos(ctx context.Context, tx *db.Tx, key string) (int, error) {
	res, err := tx.Exec(ctx, "UPDATE todos SET done_at = ? WHERE todo_key = ? AND done_at = 0", app.Now().UnixMilli(), key)
	if err != nil {
		return 0, fmt.Errorf("关闭待办 %s: %w", key, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// CloseTodo closes the open todo with key for one user only, for work that
// each of several users does on their own (each reviewer's review).
func CloseTodo(ctx context.Context, tx *db.Tx, userID int64, key string) error {
	_, err := tx.Exec(ctx, "UPDATE todos SET done_at = ? WHERE user_id = ? AND todo_key = ? AND done_at = 0",
		app.Now().UnixMilli(), userID, key)
	return err
}

// UserOfPerson returns the active account of a person; ok is false when the
// person has none.
func UserOfPerson(ctx context.Context, tx *db.Tx, personID int64) (id int64, ok bool, err error) {
	err = tx.QueryRow(ctx, "SELECT id FROM users WHERE person_id = ? AND active = TRUE", personID).Scan(&id)
	if db.IsNoRows(err) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// UsersAt returns the active accounts of people working at organisation
// orgID itself (not below it) holding one of roles (any role when none is
// given), e.g. the 学校管理员 of one school.
func UsersAt(ctx context.Context, tx *db.Tx, orgID int64, roles ...string) ([]int64, error) {
	q := `SELECT DISTINCT u.id FROM users u JOIN people p ON p.id = u.person_id
		JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
		WHERE u.active = TRUE AND p.org_id = ?`
	args := []any{orgID}
	if len(roles) > 0 {
		q += " AND r.code IN (" + db.In(len(roles)) + ")"
		for _, r := range roles {
			args = append(args, r)
		}
	}
	return db.QueryAll(ctx, tx, scanID, q+" ORDER BY u.id", args...)
}

func scanID(r db.Scanner) (int64, error) {
	var id int64
	err := r.Scan(&id)
	return id, err
}

// TodoFilter selects a user's todos.
type TodoFilter struct {
	Done   bool // false: open todos, due first; true: done ones, newest first
	Limit  int
	Offset int
}

const todoCols = "id, user_id, todo_key, source, title, link, due, created_at, done_at"

func scanTodo(r db.Scanner) (Todo, error) {
	var t Todo
	var due string
	var created, done int64
	err := r.Scan(&t.ID, &t.UserID, &t.Key, &t.Source, &t.Title, &t.Link, &due, &created, &done)
	t.Due, t.Created, t.Done = parseDate(due), millis(created), millis(done)
	return t, err
}

// FindTodos returns the actor's own todos and their total. Nobody sees
// another user's todos.
func (s *Service) FindTodos(ctx context.Context, actor app.Actor, f TodoFilter) ([]Todo, int, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	where := " FROM todos WHERE user_id = ? AND done_at = 0"
	order := " ORDER BY CASE WHEN due = '' THEN 1 ELSE 0 END, due, id"
	if f.Done {
		where, order = " FROM todos WHERE user_id = ? AND done_at <> 0", " ORDER BY done_at DESC, id DESC"
	}
	return readPage(ctx, s.DB, scanTodo, "SELECT COUNT(*)"+where, "SELECT "+todoCols+where+order,
		[]any{actor.UserID}, f.Limit, f.Offset)
}

// OpenTodoCount is the number on the header badge: the actor's open todos.
func (s *Service) OpenTodoCount(ctx context.Context, actor app.Actor) (int, error) {
	if actor.UserID == 0 {
		return 0, nil
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, "SELECT COUNT(*) FROM todos WHERE user_id = ? AND done_at = 0", actor.UserID)
	})
}

func readPage[T any](ctx context.Context, d *db.DB, scan func(db.Scanner) (T, error), countQ, selectQ string,
	args []any, limit, offset int) ([]T, int, error) {
	var rows []T
	var total int
	err := d.Read(ctx, func(tx *db.Tx) error {
		var err error
		rows, total, err = db.QueryPage(ctx, tx, scan, countQ, selectQ, args, limit, offset)
		return err
	})
	return rows, total, err
}
