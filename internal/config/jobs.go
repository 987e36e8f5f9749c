package config

import (
	"fmt"
	"time"
)

// Jobs holds the settings of background jobs and the scheduler.
type Jobs struct {
	FileRetention     time.Duration // JIAOYAN_JOB_RETENTION_DAYS (7): uploads and error reports kept after a job ends
	TimeLimit         time.Duration // JIAOYAN_JOB_TIME_LIMIT_MINUTES (30): a job running longer is stopped
	SchedulerInterval time.Duration // JIAOYAN_SCHEDULER_SECONDS (30): how often a process looks for due tasks
}

func defaultJobs() Jobs {
	return Jobs{FileRetention: 7 * 24 * time.Hour, TimeLimit: 30 * time.Minute, SchedulerInterval: 30 * time.Second}
}

func (j *Jobs) fromEnv(e *envReader) {
	e.dur("JIAOYAN_JOB_RETENTION_DAYS", 24*time.Hour, &j.FileRetention)
	e.dur("JIAOYAN_JOB_TIME_LIMIT_MINUTES", time.Minute, &j.TimeLimit)
	e.dur("JIAOYAN_SCHEDULER_SECONDS", time.Second, &j.SchedulerInterval)
}

func (j Jobs) validate() error {
	switch {
	case j.FileRetention < 24*time.Hour:
		return fmt.Errorf("JIAOYAN_JOB_RETENTION_DAYS 不能小于 1")
	case j.TimeLimit < time.Minute:
		return fmt.Errorf("JIAOYAN_JOB_TIME_LIMIT_MINUTES 不能小于 1")
	case j.SchedulerInterval < time.Second:
		return fmt.Errorf("JIAOYAN_SCHEDULER_SECONDS 不能小于 1")
	}
	return nil
}
