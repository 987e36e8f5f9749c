package notify

import (
	"context"
	"time"

	"jiaoyan/internal/db"
)

// mailMaxAge is how old a queued mail may be and still go out: a reminder
// queued before mail was configured is not sent days later.
const mailMaxAge = 48 * time.Hour

type outMail struct {
	id                int64
	to, subject, body string
}

// DeliverMail sends the messages queued for mail, up to batch of them, with
// s.Mailer, and marks each sent or failed; it returns how many went out.
// Without a Mailer it only expires what is queued. A failed mail is not
// retried; the message stays in the inbox either way.
func (s *Service) DeliverMail(ctx context.Context, batch int) (int, error) {
	if batch <= 0 {
		batch = 200
	}
	cutoff := s.now().Add(-mailMaxAge).UnixMilli()
	if err := s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE messages SET mail_state = ? WHERE mail_state = ? AND (created_at < ? OR ?)",
			mailExpired, mailPending, cutoff, s.Mailer == nil)
		return err
	}); err != nil || s.Mailer == nil {
		return 0, err
	}
	mails, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]outMail, error) {
		return db.QueryAll(ctx, tx, scanOutMail, `SELECT m.id, a.email, m.title, m.body, m.link FROM messages m
			JOIN notify_mail a ON a.user_id = m.user_id WHERE m.mail_state = ? ORDER BY m.id LIMIT ?`, mailPending, batch)
	})
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, m := range mails {
		state := mailSent
		if err := s.Mailer.Send(ctx, m.to, m.subject, m.body); err != nil {
			state = mailFailed
			s.log().Warn("提醒邮件发送失败", "message", m.id, "err", err)
		} else {
			sent++
		}
		if err := s.DB.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE messages SET mail_state = ? WHERE id = ?", state, m.id)
			return err
		}); err != nil {
			return sent, err
		}
	}
	return sent, nil
}

func scanOutMail(r db.Scanner) (outMail, error) {
	var m outMail
	var link string
	err := r.Scan(&m.id, &m.to, &m.subject, &m.body, &link)
	m.subject = "【教研平台】" + m.subject
	m.body += "\n\n请登录教研平台查看。"
	return m, err
}

// DeliverMailTask is DeliverMail as a scheduler task.
func (s *Service) DeliverMailTask() func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := s.DeliverMail(ctx, 0)
		return err
	}
}
