package web

import (
	"context"
	"net/http"

	"jiaoyan/internal/jobs"
)

// RunJob runs work as job id (created by the caller) in the background,
// detached from the request: the jobs store applies the time limit, and a
// panic in work is logged with slog and ends the job as failed with
// "任务意外中止，请重试或联系管理员" instead of ending the server.
func RunJob(r *http.Request, id int64, work jobs.Work) {
	s := serverOf(r)
	go func() {
		defer func() {
			if p := recover(); p != nil { // the store recovers work; this guards the store itself
				s.Log.Error("job runner panic", "job", id, "panic", p)
			}
		}()
		s.Jobs.Run(context.Background(), id, work)
	}()
}
