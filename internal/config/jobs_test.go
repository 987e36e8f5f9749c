package config

import (
	"testing"
	"time"
)

func TestJobSettings(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil || c.Jobs.FileRetention != 7*24*time.Hour || c.Jobs.TimeLimit != 30*time.Minute || c.Jobs.SchedulerInterval != 30*time.Second {
		t.Fatalf("defaults: %+v %v", c.Jobs, err)
	}
	c, err = FromEnv(env(map[string]string{"JIAOYAN_JOB_RETENTION_DAYS": "30", "JIAOYAN_JOB_TIME_LIMIT_MINUTES": "5", "JIAOYAN_SCHEDULER_SECONDS": "10"}))
	if err != nil || c.Jobs.FileRetention != 30*24*time.Hour || c.Jobs.TimeLimit != 5*time.Minute || c.Jobs.SchedulerInterval != 10*time.Second {
		t.Fatalf("overrides: %+v %v", c.Jobs, err)
	}
	for _, k := range []string{"JIAOYAN_JOB_RETENTION_DAYS", "JIAOYAN_JOB_TIME_LIMIT_MINUTES", "JIAOYAN_SCHEDULER_SECONDS"} {
		if _, err := FromEnv(env(map[string]string{k: "0"})); err == nil {
			t.Errorf("%s=0 accepted", k)
		}
	}
}
