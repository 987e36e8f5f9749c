package notify_test

import (
	"bufio"
	"encoding/base64"
	"mime"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// fakeSMTP is an in-process SMTP server on 127.0.0.1 that keeps what it is
// given.
type fakeSMTP struct {
	ln   net.Listener
	mu   sync.Mutex
	mail []string // "rcpt\n" + data
}

func startSMTP(t *testing.T) *fakeSMTP {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *fakeSMTP) serve(c net.Conn) {
	defer c.Close()
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 fake")
	var rcpt string
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch cmd {
		case "EHLO", "HELO":
			tp.PrintfLine("250 fake")
		case "RCPT":
			rcpt = strings.TrimSuffix(strings.TrimPrefix(line, "RCPT TO:<"), ">")
			tp.PrintfLine("250 ok")
		case "DATA":
			tp.PrintfLine("354 go")
			b, _ := tp.ReadDotBytes()
			s.mu.Lock()
			s.mail = append(s.mail, rcpt+"\n"+string(b))
			s.mu.Unlock()
			tp.PrintfLine("250 ok")
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("250 ok")
		}
	}
}

func (s *fakeSMTP) got() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.mail...)
}

func TestReminderIsMailedToUsersWithAnAddress(t *testing.T) {
	f := newFixture(t)
	srv := startSMTP(t)
	host, port, _ := net.SplitHostPort(srv.ln.Addr().String())
	var p int
	for _, c := range port {
		p = p*10 + int(c-'0')
	}
	m, err := notify.NewMailer(notify.SMTPConfig{Host: host, Port: p, From: "jiaoyan@example.cn"})
	if err != nil {
		t.Fatal(err)
	}
	f.svc.Mailer = m
	if err := f.svc.SetMailAddress(ctx, f.TeacherUserA, "chen@example.cn"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.svc.SetMailAddress(ctx, f.teacherA2, "li@example.cn\r\nBcc: x@evil.cn"), app.EINVALID)
	for _, u := range []app.Actor{f.TeacherUserA, f.teacherA2} {
		f.DB.Write(ctx, func(tx *db.Tx) error {
			return notify.AddTodo(ctx, tx, notify.Todo{UserID: u.UserID, Key: "r:1", Source: "课题", Title: "提交中期报告",
				Due: f.now.AddDate(0, 0, 2)})
		})
	}
	if n, err := f.svc.DueSoon(ctx, 3); err != nil || n != 2 {
		t.Fatalf("reminders %d (%v)", n, err)
	}
	sent, err := f.svc.DeliverMail(ctx, 0)
	if err != nil || sent != 1 {
		t.Fatalf("mailed %d (%v), want 1: only one user has an address", sent, err)
	}
	mails := srv.got()
	if len(mails) != 1 || !strings.HasPrefix(mails[0], "chen@example.cn\n") {
		t.Fatalf("mails: %q", mails)
	}
	subject, body := decodeMail(t, mails[0])
	if subject != "【教研平台】待办即将到期：提交中期报告" || !strings.Contains(body, "截止日期：2026-03-12") {
		t.Fatalf("subject %q body %q", subject, body)
	}
	if again, _ := f.svc.DeliverMail(ctx, 0); again != 0 || len(srv.got()) != 1 {
		t.Fatalf("mail sent twice")
	}
}

func decodeMail(t *testing.T, raw string) (subject, body string) {
	t.Helper()
	_, data, _ := strings.Cut(raw, "\n")
	tp := textproto.NewReader(bufio.NewReader(strings.NewReader(data)))
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	rest, _ := tp.ReadDotBytes()
	if len(rest) == 0 {
		rest = []byte(data[strings.Index(data, "\n\n")+2:])
	}
	b, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(rest)))
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return subject, string(b)
}

func TestMailerRefusesHeaderInjection(t *testing.T) {
	m, _ := notify.NewMailer(notify.SMTPConfig{Host: "127.0.0.1", Port: 1, From: "a@example.cn"})
	if err := m.Send(ctx, "a@example.cn", "标题\r\nBcc: x@evil.cn", "正文"); err == nil {
		t.Fatal("a subject with a line break was accepted")
	}
	if off, err := notify.NewMailer(notify.SMTPConfig{}); off != nil || err != nil {
		t.Fatalf("no host must mean no mailer, got %v %v", off, err)
	}
}
