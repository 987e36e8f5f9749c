package notify

import (
	"context"
	"fmt"
	"net/mail"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Send puts m into its user's inbox inside the caller's transaction. With a
// Key it sends once: a second Send with the same user and key does nothing
// and reports sent = false. With m.Mail and a reminder address on file, the
// message is also queued for mail (DeliverMail sends it after commit).
func Send(ctx context.Context, tx *db.Tx, m Message) (sent bool, err error) {
	if err := m.Validate(); err != nil {
		return false, err
	}
	state := ""
	if m.Mail {
		addr, err := mailAddress(ctx, tx, m.UserID)
		if err != nil {
			return false, err
		}
		if addr != "" {
			state = mailPending
		}
	}
	res, err := tx.Exec(ctx, `INSERT INTO messages (user_id, message_key, title, body, link, created_at, mail_state)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, message_key) WHERE message_key <> '' DO NOTHING`,
		m.UserID, m.Key, m.Title, m.Body, m.Link, app.Now().UnixMilli(), state)
	if err != nil {
		return false, fmt.Errorf("写入消息: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// MessageFilter selects the actor's messages.
type MessageFilter struct {
	UnreadOnly bool
	Limit      int
	Offset     int
}

func scanMessage(r db.Scanner) (Message, error) {
	var m Message
	var created, read int64
	err := r.Scan(&m.ID, &m.UserID, &m.Key, &m.Title, &m.Body, &m.Link, &created, &read)
	m.Created, m.Read = millis(created), millis(read)
	return m, err
}

// FindMessages returns the actor's own messages, newest first, and their
// total.
func (s *Service) FindMessages(ctx context.Context, actor app.Actor, f MessageFilter) ([]Message, int, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	where := " FROM messages WHERE user_id = ?"
	if f.UnreadOnly {
		where += " AND read_at = 0"
	}
	return readPage(ctx, s.DB, scanMessage, "SELECT COUNT(*)"+where,
		"SELECT id, user_id, message_key, title, body, link, created_at, read_at"+where+" ORDER BY created_at DESC, id DESC",
		[]any{actor.UserID}, f.Limit, f.Offset)
}

// UnreadMessageCount is the number of the actor's unread messages.
func (s *Service) UnreadMessageCount(ctx context.Context, actor app.Actor) (int, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, "SELECT COUNT(*) FROM messages WHERE user_id = ? AND read_at = 0", actor.UserID)
	})
}

// MarkMessageRead marks one of the actor's messages read (id 0: all of
// them). Another user's message is ENOTFOUND.
func (s *Service) MarkMessageRead(ctx context.Context, actor app.Actor, id int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		q, args := "UPDATE messages SET read_at = ? WHERE user_id = ? AND read_at = 0", []any{s.now().UnixMilli(), actor.UserID}
		if id != 0 {
			q, args = q+" AND id = ?", append(args, id)
		}
		res, err := tx.Exec(ctx, q, args...)
		if err != nil || id == 0 {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if c, err := tx.Count(ctx, "SELECT COUNT(*) FROM messages WHERE id = ? AND user_id = ?", id, actor.UserID); err != nil || c == 0 {
				return notFound("消息")
			}
		}
		return nil
	})
}

// SetMailAddress sets (or, with "", clears) the address the actor's
// reminders are mailed to when mail is configured.
func (s *Service) SetMailAddress(ctx context.Context, actor app.Actor, email string) error {
	email = strings.TrimSpace(email)
	if actor.UserID == 0 {
		return app.Errorf(app.EFORBIDDEN, "当前账号不能设置提醒邮箱")
	}
	if email != "" {
		a, err := mail.ParseAddress(email)
		if err != nil || a.Address != email {
			return app.Invalid("email", "邮箱地址格式不正确")
		}
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM notify_mail WHERE user_id = ?", actor.UserID); err != nil {
			return err
		}
		if email == "" {
			return record(ctx, tx, actor, "notify.mail", "user", actor.UserID, "清除提醒邮箱", nil, nil)
		}
		_, err := tx.Exec(ctx, "INSERT INTO notify_mail (user_id, email, updated_at) VALUES (?, ?, ?)",
			actor.UserID, email, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "notify.mail", "user", actor.UserID, "设置提醒邮箱", nil, nil)
	})
}

// MailAddress returns the actor's reminder address, "" when none.
func (s *Service) MailAddress(ctx context.Context, actor app.Actor) (string, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (string, error) { return mailAddress(ctx, tx, actor.UserID) })
}

func mailAddress(ctx context.Context, tx *db.Tx, userID int64) (string, error) {
	var email string
	err := tx.QueryRow(ctx, "SELECT email FROM notify_mail WHERE user_id = ?", userID).Scan(&email)
	if db.IsNoRows(err) {
		return "", nil
	}
	return email, err
}
