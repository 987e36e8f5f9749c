package audit_test

import (
	"context"
	"database/sql"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

func record(t *testing.T, d *db.DB, n int) {
	ctx := context.Background()
	actor := app.Actor{UserID: 7, Username: "zhang", IP: "10.0.0.1", UserAgent: "test"}
	for i := 0; i < n; i++ {
		err := d.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, actor, audit.Entry{Action: "org.create", ObjectType: "org", ObjectID: "1",
				Summary: "新增学校", After: map[string]any{"name": "第一中学", "i": i}})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestChainVerifiesAndDetectsTampering(t *testing.T) {
	if testutil.UsingPostgres() {
		t.Skip("tampering needs dropping the SQLite trigger; the chain itself is tested on both in TestFindFilters")
	}
	d := testutil.OpenTestDB(t)
	ctx := context.Background()
	record(t, d, 5)
	res, err := audit.Verify(ctx, d)
	if err != nil || !res.OK || res.Rows != 5 {
		t.Fatalf("fresh chain: %+v %v", res, err)
	}
	// An attacker with file access drops the trigger and edits row 3.
	raw, err := sql.Open("sqlite", "file:"+d.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET summary = '删除学校' WHERE seq = 3"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	res, _ = audit.Verify(ctx, d)
	if res.OK || res.BadSeq != 3 {
		t.Fatalf("edited row not detected: %+v", res)
	}
}

func TestFindFiltersAndNeedsAuditPermission(t *testing.T) {
	d := testutil.OpenTestDB(t)
	ctx := context.Background()
	record(t, d, 3)
	s := &audit.Service{DB: d}
	if _, _, err := s.Find(ctx, app.System("sysadmin"), audit.Filter{}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("actor without audit.view read the log: %v", err)
	}
	auditor := app.System("auditor", audit.PermView)
	rows, total, err := s.Find(ctx, auditor, audit.Filter{Username: "zhang", Limit: 2})
	if err != nil || total != 3 || len(rows) != 2 || rows[0].Seq != 3 {
		t.Fatalf("rows=%d total=%d err=%v", len(rows), total, err)
	}
	if _, total, _ := s.Find(ctx, auditor, audit.Filter{Username: "li"}); total != 0 {
		t.Fatalf("filter by other user found %d", total)
	}
	res, err := audit.Verify(ctx, d)
	if err != nil || !res.OK {
		t.Fatalf("verify: %+v %v", res, err)
	}
}

// TestConcurrentWritersKeepOneChain opens the database twice, as two serve
// processes would, and writes from both at once: the chain stays whole.
func TestConcurrentWritersKeepOneChain(t *testing.T) {
	dsn := testutil.DSN(t)
	ctx := context.Background()
	var handles []*db.DB
	for i := 0; i < 2; i++ {
		d, err := db.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		audit.SetKey(d, testutil.AuditKey())
		handles = append(handles, d)
	}
	done := make(chan error, 2)
	for _, d := range handles {
		go func(d *db.DB) {
			for i := 0; i < 40; i++ {
				if err := d.Write(ctx, func(tx *db.Tx) error {
					return audit.Record(ctx, tx, app.Actor{Username: "x"}, audit.Entry{Action: "test.write", Summary: "并发写入"})
				}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(d)
	}
	for range handles {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	res, err := audit.Verify(ctx, handles[0])
	if err != nil || !res.OK || res.Rows != 80 {
		t.Fatalf("after concurrent writers: %+v %v", res, err)
	}
}
