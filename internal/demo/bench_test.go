package demo

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/secret"
	"jiaoyan/internal/testutil"
)

// BenchmarkDemoCity runs `demo --size city` (rules, rounds, rotations and
// visits included) into a temporary SQLite file
// (WAL, synchronous=FULL, as in production) with the production argon2
// cost. Run with -benchtime 1x; the figure goes into the issue, and the
// requirement is under 60 s.
func BenchmarkDemoCity(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "demo.db")
		d, err := db.Open(ctx, "sqlite:"+path)
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		audit.SetKey(d, testutil.AuditKey())
		if err := auth.EnsureBuiltinRoles(ctx, d); err != nil {
			b.Fatal(err)
		}
		keys, _ := secret.New(bytes.Repeat([]byte{7}, 32))
		o, ps := &org.Service{DB: d, Keys: keys}, &policy.Service{DB: d}
		t := Target{Org: o, Auth: &auth.Service{DB: d, Keys: keys, Hasher: auth.NewHasher(64*1024, 2, 2), Policy: testutil.TestPolicy()},
			Policy: ps, Liaison: &liaison.Service{DB: d, Org: o, Policy: ps, Dict: &dict.Store{DB: d}}}
		var log io.Writer = io.Discard
		if testing.Verbose() {
			log = os.Stderr
		}
		b.StartTimer()
		sum, err := Generate(ctx, t, City, 1, log)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if testing.Verbose() {
			sum.Print(os.Stderr)
		}
		d.Close()
	}
}
