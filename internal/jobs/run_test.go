package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
)

// A panic inside a job's work is logged with its stack and fails the job
// with a Chinese message; the process (this test binary) goes on.
func TestPanickingJobFailsAndTheProcessLives(t *testing.T) {
	s, _, logs := newStore(t)
	id := mustAdd(t, s, roster())
	s.Run(context.Background(), id, func(ctx context.Context, tr *Tracker) (Outcome, error) {
		var m map[string]int
		m["x"] = 1 // assignment to entry in nil map
		return Outcome{}, nil
	})
	j, err := s.Get(context.Background(), owner, id)
	if err != nil || j.Status != Failed || j.Message != MsgPanic {
		t.Fatalf("job = %+v, %v", j, err)
	}
	if l := logs.String(); !strings.Contains(l, "nil map") || !strings.Contains(l, "run_test.go") {
		t.Fatalf("log lacks the panic and its stack:\n%s", l)
	}
}

// Work that runs past the time limit is stopped through its context and the
// job fails saying so.
func TestOverTimeJobFails(t *testing.T) {
	s, _, _ := newStore(t)
	s.TimeLimit = time.Second
	id := mustAdd(t, s, roster())
	s.Run(context.Background(), id, func(ctx context.Context, tr *Tracker) (Outcome, error) {
		<-ctx.Done()
		return Outcome{}, ctx.Err()
	})
	j, _ := s.Get(context.Background(), owner, id)
	if j.Status != Failed || j.Message != "任务超过 1 秒的时间限制，已停止，数据未写入" {
		t.Fatalf("job = %s %q", j.Status, j.Message)
	}
}

// Work that ignores its context is abandoned after the grace period; the job
// still ends, failed.
func TestOverTimeJobThatIgnoresItsContextStillEnds(t *testing.T) {
	s, _, _ := newStore(t)
	s.TimeLimit, s.grace = time.Second, time.Millisecond
	release := make(chan struct{})
	defer close(release)
	id := mustAdd(t, s, roster())
	s.Run(context.Background(), id, func(ctx context.Context, tr *Tracker) (Outcome, error) {
		<-release
		return Outcome{Message: "迟到的完成"}, nil
	})
	j, _ := s.Get(context.Background(), owner, id)
	if j.Status != Failed || !strings.Contains(j.Message, "时间限制") {
		t.Fatalf("job = %s %q", j.Status, j.Message)
	}
}

// The limit is the setting: the default is 30 minutes and the message
// counts minutes.
func TestTimeLimitMessageInMinutes(t *testing.T) {
	s := &Store{}
	if got := s.overTimeMessage(); got != "任务超过 30 分钟的时间限制，已停止，数据未写入" {
		t.Fatal(got)
	}
	s.TimeLimit = 5 * time.Minute
	if got := s.overTimeMessage(); !strings.Contains(got, "5 分钟") {
		t.Fatal(got)
	}
}

// What the work returns is what the page shows.
func TestRunStoresOutcome(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	cases := []struct {
		out         Outcome
		err         error
		status, msg string
	}{
		{Outcome{Message: "导入完成：新增 1 条", Result: `{"n":1}`}, nil, Done, "导入完成：新增 1 条"},
		{Outcome{Failed: true, Message: "第2行：身份证号校验位错误", Result: `{"n":0}`}, nil, Failed, "第2行：身份证号校验位错误"},
		{Outcome{}, app.Errorf(app.EINVALID, "文件不是 Excel"), Failed, "文件不是 Excel"},
		{Outcome{}, errors.New("disk full"), Failed, "系统内部错误，请稍后重试或联系管理员"},
	}
	for _, c := range cases {
		id := mustAdd(t, s, roster())
		s.Run(ctx, id, func(ctx context.Context, tr *Tracker) (Outcome, error) {
			tr.Report(3, 4, "写入中")
			return c.out, c.err
		})
		j, _ := s.Get(ctx, owner, id)
		if j.Status != c.status || j.Message != c.msg || (c.out.Result != "" && !json.Valid([]byte(j.Result))) {
			t.Errorf("%+v: job = %s %q %q", c.out, j.Status, j.Message, j.Result)
		}
	}
}
