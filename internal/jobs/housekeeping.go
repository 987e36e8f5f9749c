package jobs

import (
	"context"
	"time"
)

// Names of the housekeeping tasks the jobs package schedules.
const (
	TaskPurgeFiles      = "清理过期任务文件"
	TaskMarkInterrupted = "标记已中断的任务"
)

// RegisterHousekeeping schedules the Store's upkeep on sc: deleting files of
// jobs past retention (hourly) and storing Interrupted for jobs whose
// process stopped (every StaleAfter).
func (s *Store) RegisterHousekeeping(sc *Scheduler) {
	sc.Register(TaskPurgeFiles, time.Hour, func(ctx context.Context) error {
		n, err := s.PurgeFiles(ctx)
		if n > 0 {
			s.log().Info("jobs: purged files past retention", "files", n)
		}
		return err
	})
	sc.Register(TaskMarkInterrupted, s.staleAfter(), func(ctx context.Context) error {
		n, err := s.MarkInterrupted(ctx)
		if n > 0 {
			s.log().Info("jobs: marked interrupted", "jobs", n)
		}
		return err
	})
}
