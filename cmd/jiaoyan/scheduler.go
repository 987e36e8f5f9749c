package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"jiaoyan/internal/jobs"
)

// startJobs builds the process's job store and starts the scheduler loop
// until ctx ends. Every serve process runs the loop; each due task runs in
// one of them. Other packages' periodic work is registered on sched here
// (reminders, expired sessions) before the loop starts.
func startJobs(ctx context.Context, svc *services, log *slog.Logger) *jobs.Store {
	host, _ := os.Hostname()
	instance := fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano())
	cfg := svc.cfg.Jobs
	store := &jobs.Store{DB: svc.db, Keys: svc.keys, Instance: instance, TimeLimit: cfg.TimeLimit,
		Retention: cfg.FileRetention, Log: log}
	sched := &jobs.Scheduler{DB: svc.db, Instance: instance, Interval: cfg.SchedulerInterval, Log: log}
	store.RegisterHousekeeping(sched)
	go sched.Loop(ctx)
	return store
}
