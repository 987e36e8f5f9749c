package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"jiaoyan/internal/config"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/notify"
)

// Names of the periodic tasks this file registers.
const (
	taskPurgeSessions = "清理过期会话"
	taskDueSoon       = "notify.due_soon"
	taskMail          = "notify.mail"
	taskOnSitePace    = "liaison.onsite_pace"
)

// startJobs builds the process's job store and starts the scheduler loop
// until ctx ends. Every serve process runs the loop; each due task runs in
// one of them. Other packages' periodic work is registered on sched here
// (reminders, mail, expired sessions) before the loop starts.
func startJobs(ctx context.Context, svc *services, log *slog.Logger) (*jobs.Store, error) {
	host, _ := os.Hostname()
	instance := fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano())
	cfg := svc.cfg.Jobs
	store := &jobs.Store{DB: svc.db, Keys: svc.keys, Instance: instance, TimeLimit: cfg.TimeLimit,
		Retention: cfg.FileRetention, Log: log}
	sched := &jobs.Scheduler{DB: svc.db, Instance: instance, Interval: cfg.SchedulerInterval, Log: log}
	store.RegisterHousekeeping(sched)
	if err := registerTasks(sched, svc, log); err != nil {
		return nil, err
	}
	go sched.Loop(ctx)
	return store, nil
}

// registerTasks adds the periodic work of auth, notify and liaison: expired
// sessions hourly, 待办 due-date reminders hourly (each todo once), queued
// mail every five minutes (only expired when no mail server is set), and the
// researchers' on-site pace reminder daily (each researcher once a week).
func registerTasks(sched *jobs.Scheduler, svc *services, log *slog.Logger) error {
	sched.Register(taskPurgeSessions, time.Hour, func(ctx context.Context) error {
		n, err := svc.auth.PurgeSessions(ctx)
		if n > 0 {
			log.Info("清理过期会话", "sessions", n)
		}
		return err
	})
	mailer, err := notify.NewMailer(smtpConfig(svc.cfg.Notify.SMTP))
	if err != nil {
		return err
	}
	n := &notify.Service{DB: svc.db, Mailer: mailer, Log: log}
	sched.Register(taskDueSoon, time.Hour, n.DueSoonTask(svc.cfg.Notify.RemindDays))
	sched.Register(taskMail, 5*time.Minute, n.DeliverMailTask())
	l := &liaison.Service{DB: svc.db, Org: svc.org, Policy: svc.policy, Dict: svc.dict}
	sched.Register(taskOnSitePace, 24*time.Hour, func(ctx context.Context) error {
		n, err := l.RemindOnSitePace(ctx, time.Now())
		if n > 0 {
			log.Info("到校进度提醒", "count", n)
		}
		return err
	})
	return nil
}

// smtpConfig maps the settings onto notify's. A server that asks for a
// username is spoken to over STARTTLS, so the password never crosses the
// network in the clear.
func smtpConfig(c config.SMTP) notify.SMTPConfig {
	return notify.SMTPConfig{Host: c.Host, Port: c.Port, Username: c.Username, Password: c.Password, From: c.From,
		StartTLS: c.Username != ""}
}
