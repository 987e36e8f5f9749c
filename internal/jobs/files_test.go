package jobs

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// The database never holds an uploaded roster or an error report in the
// clear: neither the job_files column nor (SQLite) the file and its WAL.
func TestJobFilesAreSealedWithTheDataKey(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	id := mustAdd(t, s, roster())
	s.Run(ctx, id, func(ctx context.Context, tr *Tracker) (Outcome, error) {
		in, err := tr.Input("名单.csv")
		if err != nil || !bytes.Contains(in, []byte(plainID)) {
			t.Errorf("Input = %q, %v", in, err)
		}
		return Outcome{Failed: true, Message: "第2行有错"}, tr.SaveFile("错误报告.xlsx", append([]byte("报告 "), in...))
	})
	var stored [][]byte
	s.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, "SELECT content FROM job_files WHERE job_id = ?", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b []byte
			rows.Scan(&b)
			stored = append(stored, b)
		}
		return rows.Err()
	})
	if len(stored) != 2 {
		t.Fatalf("stored %d files, want the input and the report", len(stored))
	}
	for _, b := range stored {
		if bytes.Contains(b, []byte(plainID)) || bytes.Contains(b, []byte(plainPhone)) || bytes.Contains(b, []byte("张三")) {
			t.Errorf("job_files holds plain content: %q", b)
		}
	}
	assertNotInFiles(t, s.DB, plainID, plainPhone)
	report, err := s.File(ctx, owner, id, "错误报告.xlsx")
	if err != nil || !bytes.Contains(report, []byte(plainID)) {
		t.Fatalf("owner reads report = %q, %v", report, err)
	}
	if _, err := s.File(ctx, app.Actor{UserID: 8}, id, "错误报告.xlsx"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("another user reads the report: %v", err)
	}
}

// assertNotInFiles greps the SQLite database file and its WAL as they are.
func assertNotInFiles(t *testing.T, d *db.DB, needles ...string) {
	t.Helper()
	if d.Dialect != db.SQLite {
		return
	}
	for _, path := range []string{d.Path, d.Path + "-wal"} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("%s holds %s in the clear", path, n)
			}
		}
	}
}

// A file sealed under one key cannot be read with another: the key is not
// in the database.
func TestJobFileNeedsTheDataKey(t *testing.T) {
	s, _, _ := newStore(t)
	id := mustAdd(t, s, roster())
	other := &Store{DB: s.DB, Keys: nil}
	b, err := other.readFile(context.Background(), id, "名单.csv")
	if err == nil || bytes.Contains(b, []byte(plainID)) {
		t.Fatalf("read without the key: %q %v", b, err)
	}
	if _, err := other.Add(context.Background(), owner, NewJob{Kind: "import.people", InputName: "x.csv", Input: roster()}); err == nil {
		t.Fatal("stored a file without the key")
	}
	wrong := &Store{DB: s.DB, Keys: otherKeys(t)}
	if b, err := wrong.readFile(context.Background(), id, "名单.csv"); err == nil {
		t.Fatalf("read with another key: %q", b)
	}
}

// Files of an ended job stay for the retention period and are then
// deleted; a job that succeeded drops its upload at once.
func TestRetentionDeletesFilesOfEndedJobs(t *testing.T) {
	s, clock, _ := newStore(t)
	ctx := context.Background()
	failed := mustAdd(t, s, roster())
	s.Run(ctx, failed, func(ctx context.Context, tr *Tracker) (Outcome, error) {
		return Outcome{Failed: true, Message: "有错"}, tr.SaveFile("错误报告.xlsx", []byte("r"))
	})
	done := mustAdd(t, s, roster())
	s.Run(ctx, done, func(ctx context.Context, tr *Tracker) (Outcome, error) { return Outcome{Message: "导入完成"}, nil })
	if _, err := s.readFile(ctx, done, "名单.csv"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("a done job's upload is kept: %v", err)
	}
	clock.Advance(6 * 24 * time.Hour)
	if n, err := s.PurgeFiles(ctx); n != 0 || err != nil {
		t.Fatalf("day 6: purged %d, %v", n, err)
	}
	if _, err := s.File(ctx, owner, failed, "错误报告.xlsx"); err != nil {
		t.Fatalf("day 6: report gone: %v", err)
	}
	clock.Advance(2 * 24 * time.Hour)
	if n, err := s.PurgeFiles(ctx); n != 2 || err != nil {
		t.Fatalf("day 8: purged %d, %v; want the upload and the report", n, err)
	}
	_, err := s.File(ctx, owner, failed, "错误报告.xlsx")
	if app.ErrorCode(err) != app.ENOTFOUND || !strings.Contains(app.ErrorMessage(err), "7 天") {
		t.Fatalf("day 8: report = %v", err)
	}
	if _, err := s.Rerun(ctx, owner, failed); !strings.Contains(app.ErrorMessage(err), "保存期") {
		t.Fatalf("rerun without the upload: %v", err)
	}
}

// A running job keeps its files whatever its age.
func TestRetentionKeepsFilesOfActiveJobs(t *testing.T) {
	s, clock, _ := newStore(t)
	id := mustAdd(t, s, roster())
	clock.Advance(30 * 24 * time.Hour)
	if n, _ := s.PurgeFiles(context.Background()); n != 0 {
		t.Fatalf("purged %d files of a queued job", n)
	}
	if _, err := s.readFile(context.Background(), id, "名单.csv"); err != nil {
		t.Fatal(err)
	}
}
