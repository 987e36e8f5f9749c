package audit_test

import (
	"context"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// BenchmarkVerify10k verifies a 10,000-row keyed chain against one checkpoint.
func BenchmarkVerify10k(b *testing.B) {
	d := testutil.OpenTestDB(b)
	ctx := context.Background()
	err := d.Write(ctx, func(tx *db.Tx) error {
		for i := 0; i < 10000; i++ {
			if err := audit.Record(ctx, tx, app.Actor{Username: "zhang"}, audit.Entry{Action: "org.update",
				Summary: "修改学校", After: map[string]any{"i": i}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	cp, err := audit.TakeCheckpoint(ctx, d)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if res, err := audit.VerifyCheckpoints(ctx, d, []audit.Checkpoint{cp}); err != nil || !res.OK {
			b.Fatalf("%+v %v", res, err)
		}
	}
}

// BenchmarkRecord is one audited write transaction.
func BenchmarkRecord(b *testing.B) {
	d := testutil.OpenTestDB(b)
	ctx := context.Background()
	for range b.N {
		err := d.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, app.Actor{Username: "zhang"}, audit.Entry{Action: "org.update", Summary: "修改学校"})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
