package jobs

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/secret"
)

// A roster line with a plain ID number and phone number.
const (
	plainID    = "330302199001011234"
	plainPhone = "13857712345"
)

var owner = app.Actor{UserID: 7, Username: "admin"}

// fakeClock is a clock tests move by hand.
type fakeClock struct{ ms atomic.Int64 }

func newClock() *fakeClock {
	c := &fakeClock{}
	c.ms.Store(time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC).UnixMilli())
	return c
}
func (c *fakeClock) Now() time.Time          { return time.UnixMilli(c.ms.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }

// logBuf is a slog sink tests read.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *logBuf) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func testKeys(t testing.TB) *secret.Keys {
	k, err := secret.New(bytes.Repeat([]byte{42}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// newStore is a Store on a fresh database with a hand clock and a log sink.
func newStore(t testing.TB) (*Store, *fakeClock, *logBuf) {
	clock, logs := newClock(), &logBuf{}
	s := &Store{DB: openTestDB(t), Keys: testKeys(t), Instance: "proc-a", Clock: clock.Now,
		Log: newLogger(logs)}
	return s, clock, logs
}

// restarted is a second process over s's database, with its own clock.
func restarted(s *Store, clock *fakeClock) *Store {
	return &Store{DB: s.DB, Keys: s.Keys, Instance: "proc-b", Clock: clock.Now, Log: s.Log}
}

func rawStatus(t testing.TB, d *db.DB, id int64) (status, message string) {
	t.Helper()
	err := d.Read(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT status, message FROM jobs WHERE id = ?", id).Scan(&status, &message)
	})
	if err != nil {
		t.Fatal(err)
	}
	return status, message
}

func mustAdd(t testing.TB, s *Store, input []byte) int64 {
	t.Helper()
	id, err := s.Add(context.Background(), owner, NewJob{Kind: "import.people", Message: "排队中",
		Params: `{"update":true}`, InputName: "名单.csv", Input: input})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func roster() []byte {
	return []byte("姓名,身份证号,手机号\n张三," + plainID + "," + plainPhone + "\n")
}

func newLogger(l *logBuf) *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

func otherKeys(t testing.TB) *secret.Keys {
	k, err := secret.New(bytes.Repeat([]byte{43}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}
