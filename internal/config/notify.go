package config

import (
	"fmt"
	"net/mail"
)

// Notify holds the reminder and mail settings.
type Notify struct {
	RemindDays int  // JIAOYAN_REMIND_DAYS (3): remind of a 待办 this many days before it is due
	SMTP       SMTP // mail for reminders and notices; an empty Host sends no mail
}

// SMTP is the optional mail server.
type SMTP struct {
	Host     string // JIAOYAN_SMTP_HOST; empty: no mail leaves the platform
	Port     int    // JIAOYAN_SMTP_PORT (25)
	Username string // JIAOYAN_SMTP_USERNAME; empty: no authentication
	Password string // JIAOYAN_SMTP_PASSWORD
	From     string // JIAOYAN_SMTP_FROM, the sender address
}

func defaultNotify() Notify { return Notify{RemindDays: 3, SMTP: SMTP{Port: 25}} }

func (n *Notify) fromEnv(e *envReader) {
	e.integer("JIAOYAN_REMIND_DAYS", &n.RemindDays)
	e.str("JIAOYAN_SMTP_HOST", &n.SMTP.Host)
	e.integer("JIAOYAN_SMTP_PORT", &n.SMTP.Port)
	e.str("JIAOYAN_SMTP_USERNAME", &n.SMTP.Username)
	e.str("JIAOYAN_SMTP_PASSWORD", &n.SMTP.Password)
	e.str("JIAOYAN_SMTP_FROM", &n.SMTP.From)
}

func (n Notify) validate() error {
	switch {
	case n.RemindDays < 1 || n.RemindDays > 60:
		return fmt.Errorf("JIAOYAN_REMIND_DAYS 应在 1 到 60 之间")
	case n.SMTP.Host == "":
		return nil
	case n.SMTP.Port < 1 || n.SMTP.Port > 65535:
		return fmt.Errorf("JIAOYAN_SMTP_PORT 应在 1 到 65535 之间")
	}
	if _, err := mail.ParseAddress(n.SMTP.From); err != nil {
		return fmt.Errorf("设置了 JIAOYAN_SMTP_HOST 时须用 JIAOYAN_SMTP_FROM 给出正确的发件人地址，当前为 %q", n.SMTP.From)
	}
	return nil
}
