package db_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// TestMain lets the test binary double as the crash writer child.
func TestMain(m *testing.M) {
	if path := os.Getenv("JIAOYAN_CRASH_WRITER"); path != "" {
		crashWriter(path)
		return
	}
	os.Exit(m.Run())
}

// crashWriter commits transactions of two rows each (a job and its twin)
// as fast as it can, printing each id after the commit returns: a printed
// id is an acknowledged write.
func crashWriter(path string) {
	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite:"+path)
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	w := bufio.NewWriter(os.Stdout)
	for i := 1; ; i++ {
		err := d.Write(ctx, func(tx *db.Tx) error {
			for _, kind := range []string{"a", "b"} {
				if _, err := tx.Exec(ctx, "INSERT INTO jobs (kind, status, progress, created_at, updated_at) VALUES (?, 'done', ?, 1, 1)", kind, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			fmt.Println("ERR", err)
			return
		}
		fmt.Fprintln(w, i)
		w.Flush()
	}
}

// TestKill9DuringWritesLeavesConsistentDatabase kills a writing process
// with SIGKILL and checks that the database passes integrity_check, every
// acknowledged transaction is there, and no transaction is half there.
func TestKill9DuringWritesLeavesConsistentDatabase(t *testing.T) {
	if testutil.UsingPostgres() {
		t.Skip("SQLite durability test")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	d.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "JIAOYAN_CRASH_WRITER="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	acked := 0
	for sc.Scan() {
		n, err := strconv.Atoi(sc.Text())
		if err != nil {
			t.Fatalf("child: %s", sc.Text())
		}
		if acked = n; acked >= 300 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	checkAfterCrash(t, path, acked)
}

func checkAfterCrash(t *testing.T, path string, acked int) {
	ctx := context.Background()
	d, err := db.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.Read(ctx, func(tx *db.Tx) error {
		var res string
		tx.QueryRow(ctx, "PRAGMA integrity_check").Scan(&res)
		if res != "ok" {
			t.Fatalf("integrity_check: %s", res)
		}
		var maxA, half int
		tx.QueryRow(ctx, "SELECT COALESCE(MAX(progress), 0) FROM jobs WHERE kind = 'a'").Scan(&maxA)
		tx.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT progress FROM jobs GROUP BY progress HAVING COUNT(*) <> 2) x`).Scan(&half)
		if maxA < acked {
			t.Fatalf("acknowledged transaction %d lost (last on disk %d)", acked, maxA)
		}
		if half != 0 {
			t.Fatalf("%d transactions are half written", half)
		}
		return nil
	})
}
