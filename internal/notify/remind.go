package notify

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// DefaultRemindDays is how many days before a todo's due date DueSoon
// reminds, when the setting (JIAOYAN_REMIND_DAYS) is not given.
const DefaultRemindDays = 3

// Mail states of a message.
const (
	mailPending = "pending"
	mailSent    = "sent"
	mailFailed  = "failed"
	mailExpired = "expired"
)

// DueSoon turns every open todo whose due date is within days of today (or
// already past) into one inbox message, once per todo: a todo is reminded
// again only if its due date is changed. It returns how many reminders it
// sent. The scheduler runs it daily.
func (s *Service) DueSoon(ctx context.Context, days int) (int, error) {
	if days <= 0 {
		days = DefaultRemindDays
	}
	now := s.now()
	limit := dateOf(now.In(cst).AddDate(0, 0, days))
	n := 0
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		todos, err := db.QueryAll(ctx, tx, scanTodo, "SELECT "+todoCols+
			" FROM todos WHERE done_at = 0 AND reminded_at = 0 AND due <> '' AND due <= ? ORDER BY id", limit)
		if err != nil {
			return err
		}
		for _, t := range todos {
			if err := remindTodo(ctx, tx, t, now); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func remindTodo(ctx context.Context, tx *db.Tx, t Todo, now time.Time) error {
	title := "待办即将到期：" + t.Title
	if t.Overdue(now) {
		title = "待办已逾期：" + t.Title
	}
	body := fmt.Sprintf("来源：%s\n截止日期：%s", t.Source, dateOf(t.Due))
	_, err := Send(ctx, tx, Message{UserID: t.UserID, Key: fmt.Sprintf("todo-due:%d:%s", t.ID, dateOf(t.Due)),
		Title: title, Body: body, Link: t.Link, Mail: true})
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "UPDATE todos SET reminded_at = ? WHERE id = ?", now.UnixMilli(), t.ID)
	return err
}

// DueSoonTask is DueSoon as a scheduler task.
func (s *Service) DueSoonTask(days int) func(context.Context) error {
	return func(ctx context.Context) error {
		n, err := s.DueSoon(ctx, days)
		if n > 0 {
			s.log().Info("待办到期提醒", "count", n)
		}
		return err
	}
}

// Reminder is a module's reminder to one person or user, e.g. a researcher
// whose on-site days fall behind the term's pace. Key makes it once-only:
// include the period in it ("pace:2025-1:42"). With Todo set, an open 待办
// with the same key is also added (or updated).
type Reminder struct {
	UserID   int64
	PersonID int64 // used when UserID is 0; nobody is reminded without an account
	Key      string
	Title    string
	Body     string
	Link     string
	Todo     *Todo // optional; its UserID, PersonID and Key are taken from the reminder
}

// Remind sends r inside the caller's transaction (the module's scheduled
// task), at most once per user and key, and reports whether it was sent now.
// The message is mailed too when mail is on and the user has an address.
func Remind(ctx context.Context, tx *db.Tx, r Reminder) (bool, error) {
	if r.UserID == 0 {
		uid, ok, err := UserOfPerson(ctx, tx, r.PersonID)
		if err != nil || !ok {
			return false, err
		}
		r.UserID = uid
	}
	if r.Key == "" {
		return false, app.Invalid("key", "提醒缺少标识")
	}
	sent, err := Send(ctx, tx, Message{UserID: r.UserID, Key: "remind:" + r.Key, Title: r.Title, Body: r.Body,
		Link: r.Link, Mail: true})
	if err != nil || !sent || r.Todo == nil {
		return sent, err
	}
	t := *r.Todo
	t.UserID, t.PersonID, t.Key = r.UserID, 0, r.Key
	return true, AddTodo(ctx, tx, t)
}
