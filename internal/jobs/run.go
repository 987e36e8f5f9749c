package jobs

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"jiaoyan/internal/app"
)

// Outcome is how a job's work ended.
type Outcome struct {
	Failed  bool   // the work ran to its end but did not succeed (e.g. rows with errors)
	Message string // Chinese, shown on the job page
	Result  string // JSON for the page that owns the kind
}

// Work is a job's body. It must honour ctx: the time limit and shutdown
// cancel it, and a database transaction under ctx then rolls back.
type Work func(ctx context.Context, t *Tracker) (Outcome, error)

// defaultGrace is how long Run waits past the time limit for work that
// does not return when its context ends.
const defaultGrace = time.Minute

// Run starts job id and runs work under the time limit, then finishes the
// job whatever happens:
//   - work returns an error: failed with the error's Chinese message
//     (app.ErrorMessage) unless the outcome carries one;
//   - the time limit passes: failed, "任务超过 N 分钟的时间限制，已停止，数据未写入";
//   - work panics: the panic and its stack are logged with slog and the job
//     fails with MsgPanic; the process goes on.
//
// Run blocks until the job is finished; callers start it with go. A panic in
// a goroutine that work starts itself is not caught.
func (s *Store) Run(ctx context.Context, id int64, work Work) {
	ctx, cancel := context.WithTimeout(ctx, s.timeLimit())
	defer cancel()
	t := s.Start(ctx, id)
	res := make(chan ended, 1)
	go func() { res <- s.call(ctx, id, t, work) }()
	var e ended
	select {
	case e = <-res:
	case <-ctx.Done():
		e = s.afterDeadline(ctx, res)
	}
	t.finish(s.verdict(ctx, e))
}

// ended is what the work goroutine reports.
type ended struct {
	out      Outcome
	err      error
	panicked bool
}

// call runs work, turning a panic into an ended value.
func (s *Store) call(ctx context.Context, id int64, t *Tracker, work Work) (e ended) {
	defer func() {
		if p := recover(); p != nil {
			s.log().Error("jobs: job panicked", "job", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			e = ended{panicked: true}
		}
	}()
	out, err := work(ctx, t)
	return ended{out: out, err: err}
}

// afterDeadline waits a grace period for work to notice its context; work
// that still has not returned is abandoned and counted as over time.
func (s *Store) afterDeadline(ctx context.Context, res chan ended) ended {
	grace := orDefault(s.grace, defaultGrace)
	select {
	case e := <-res:
		return e
	case <-time.After(grace):
		s.log().Error("jobs: work ignored its context past the time limit; abandoned", "limit", s.timeLimit())
		return ended{err: ctx.Err()}
	}
}

// verdict is the final status, message and result of a job.
func (s *Store) verdict(ctx context.Context, e ended) (status, message, result string) {
	switch {
	case e.panicked:
		return Failed, MsgPanic, ""
	case e.err == nil && !e.out.Failed:
		return Done, e.out.Message, e.out.Result
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return Failed, s.overTimeMessage(), e.out.Result
	case errors.Is(ctx.Err(), context.Canceled):
		return Failed, "服务正在停止，任务已取消，数据未写入。可重新运行。", e.out.Result
	case e.out.Message != "":
		return Failed, e.out.Message, e.out.Result
	}
	return Failed, app.ErrorMessage(e.err), e.out.Result
}

func (s *Store) overTimeMessage() string {
	limit := s.timeLimit()
	if limit < time.Minute {
		return fmt.Sprintf("任务超过 %d 秒的时间限制，已停止，数据未写入", int(limit.Seconds()))
	}
	return fmt.Sprintf("任务超过 %d 分钟的时间限制，已停止，数据未写入", int(limit.Minutes()))
}
