package notify

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Mailer sends one plain-text mail. It is optional: with none configured
// nothing leaves the platform. Only reminders and notices are ever mailed.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// SMTPConfig is the optional mail setting (JIAOYAN_SMTP_HOST, _PORT,
// _USERNAME, _PASSWORD, _FROM). An empty Host turns mail off.
type SMTPConfig struct {
	Host     string
	Port     int    // 0: 25
	Username string // empty: no authentication
	Password string
	From     string
	// StartTLS requires STARTTLS before authenticating; net/smtp refuses
	// PLAIN authentication over an unencrypted link to anything but
	// localhost anyway.
	StartTLS bool
}

// NewMailer returns an SMTP mailer for c, or nil when c.Host is empty.
func NewMailer(c SMTPConfig) (Mailer, error) {
	if c.Host == "" {
		return nil, nil
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return nil, fmt.Errorf("发件人地址 %q 不正确", c.From)
	}
	if c.Port == 0 {
		c.Port = 25
	}
	return &SMTPMailer{c: c}, nil
}

// SMTPMailer sends through one SMTP server with net/smtp.
type SMTPMailer struct{ c SMTPConfig }

// Send delivers one UTF-8 plain-text message to to. Header values are
// encoded, and addresses with line breaks are refused, so no caller text can
// add headers or recipients.
func (m *SMTPMailer) Send(ctx context.Context, to, subject, body string) error {
	if strings.ContainsAny(to+subject, "\r\n") {
		return fmt.Errorf("邮件地址或标题含换行")
	}
	if _, err := mail.ParseAddress(to); err != nil {
		return fmt.Errorf("收件人地址 %q 不正确", to)
	}
	addr := net.JoinHostPort(m.c.Host, strconv.Itoa(m.c.Port))
	d := net.Dialer{Timeout: 15 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	} else {
		conn.SetDeadline(time.Now().Add(time.Minute))
	}
	c, err := smtp.NewClient(conn, m.c.Host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	return m.deliver(c, to, subject, body)
}

func (m *SMTPMailer) deliver(c *smtp.Client, to, subject, body string) error {
	if m.c.StartTLS {
		if err := c.StartTLS(nil); err != nil {
			return err
		}
	}
	if m.c.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", m.c.Username, m.c.Password, m.c.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.c.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(composeMail(m.c.From, to, subject, body)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// composeMail builds the message: encoded subject, CRLF line ends, base64
// body so any text (Chinese, a lone "." line) passes unchanged.
func composeMail(from, to, subject, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", from, to, mime.BEncoding.Encode("UTF-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\nMIME-Version: 1.0\r\n", time.Now().Format(time.RFC1123Z))
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.WriteString(base64Lines([]byte(body)))
	return []byte(b.String())
}
