package jobs

import (
	"bytes"
	"context"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// kill stops a tracker's heartbeat without finishing the job, as kill -9
// of its process would.
func kill(tr *Tracker) {
	close(tr.stop)
	<-tr.flushed
}

// After kill -9 and a restart, a running job becomes 已中断 once its
// heartbeat is older than the threshold, and it can be rerun from its
// retained upload.
func TestKilledProcessJobBecomesInterruptedAndReruns(t *testing.T) {
	a, clock, _ := newStore(t)
	ctx := context.Background()
	id := mustAdd(t, a, roster())
	tr := a.Start(ctx, id)
	tr.Report(10, 100, "正在写入数据库")
	kill(tr)
	b := restarted(a, clock)
	if j, _ := b.Get(ctx, owner, id); j.Status != Running {
		t.Fatalf("fresh heartbeat: status %s, want running", j.Status)
	}
	clock.Advance(DefaultStaleAfter + time.Second)
	j, err := b.Get(ctx, owner, id)
	if err != nil || j.Status != Interrupted || j.Message != MsgInterrupted {
		t.Fatalf("after restart: %+v %v", j, err)
	}
	if n, err := b.MarkInterrupted(ctx); n != 1 || err != nil {
		t.Fatalf("MarkInterrupted = %d, %v", n, err)
	}
	if st, msg := rawStatus(t, b.DB, id); st != Interrupted || msg != MsgInterrupted {
		t.Fatalf("stored %s %q", st, msg)
	}
	again, err := b.Rerun(ctx, owner, id)
	if err != nil {
		t.Fatal(err)
	}
	nj, _ := b.Get(ctx, owner, again)
	if nj.Status != Queued || nj.Kind != "import.people" || nj.Params != `{"update":true}` || nj.RerunOf != id || nj.InputName != "名单.csv" {
		t.Fatalf("rerun job = %+v", nj)
	}
	if in, err := b.readFile(ctx, again, "名单.csv"); err != nil || !bytes.Equal(in, roster()) {
		t.Fatalf("rerun input = %q, %v", in, err)
	}
	if _, err := b.Rerun(ctx, app.Actor{UserID: 99}, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("another user reruns: %v", err)
	}
}

// Only a failed or interrupted job can be rerun.
func TestRerunRefusesDoneAndActiveJobs(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	done := mustAdd(t, s, roster())
	s.Run(ctx, done, func(ctx context.Context, tr *Tracker) (Outcome, error) { return Outcome{Message: "完成"}, nil })
	queued := mustAdd(t, s, roster())
	for _, id := range []int64{done, queued} {
		if _, err := s.Rerun(ctx, owner, id); app.ErrorCode(err) != app.ECONFLICT {
			t.Errorf("rerun job %d: %v", id, err)
		}
	}
}

// On SQLite a long import holds the only writer, so the heartbeat cannot
// reach the database until it commits. The process running the job still
// reports it running and never marks it interrupted.
func TestOwnJobIsNotInterruptedWhileTheWriterIsHeld(t *testing.T) {
	s, clock, _ := newStore(t)
	ctx := context.Background()
	id := mustAdd(t, s, roster())
	tr := s.Start(ctx, id)
	tr.Report(5, 50, "正在校验并写入数据库")
	held, release := make(chan struct{}), make(chan struct{})
	go s.DB.Write(ctx, func(tx *db.Tx) error { close(held); <-release; return nil })
	<-held
	clock.Advance(10 * time.Minute)
	j, err := s.Get(ctx, owner, id)
	close(release)
	if err != nil || j.Status != Running || j.Progress != 5 || j.Total != 50 {
		t.Fatalf("own job while the writer is held: %+v %v", j, err)
	}
	if n, _ := s.MarkInterrupted(ctx); n != 0 {
		t.Fatalf("marked its own running job interrupted")
	}
	tr.Finish(true, "完成", "")
	if st, _ := rawStatus(t, s.DB, id); st != Done {
		t.Fatalf("status %s after finish", st)
	}
}

// A job queued by a process that died before starting it is interrupted too.
func TestQueuedJobOfADeadProcessIsInterrupted(t *testing.T) {
	a, clock, _ := newStore(t)
	id := mustAdd(t, a, roster())
	clock.Advance(2 * DefaultStaleAfter)
	b := restarted(a, clock)
	if n, err := b.MarkInterrupted(context.Background()); n != 1 || err != nil {
		t.Fatalf("MarkInterrupted = %d, %v", n, err)
	}
	if st, _ := rawStatus(t, b.DB, id); st != Interrupted {
		t.Fatalf("status %s", st)
	}
}
