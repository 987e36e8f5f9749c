package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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
	"jiaoyan/internal/training"
)

// trainingStep is the log line of the 学分台账与认定 step's time.
var trainingStep = regexp.MustCompile(`学分台账与认定完成，用时 ([0-9.]+) 秒`)

// BenchmarkDemoCityTraining runs `demo --size city` as the command does,
// with the training service (BenchmarkDemoCity leaves it out), into a
// temporary SQLite file, and reports the 学分台账与认定 step's seconds as
// training-s. Run with -benchtime 1x.
func BenchmarkDemoCityTraining(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		d, err := db.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "demo.db"))
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
			Policy: ps, Liaison: &liaison.Service{DB: d, Org: o, Policy: ps, Dict: &dict.Store{DB: d}},
			Training: &training.Service{DB: d, Org: o, Policy: ps}}
		var log bytes.Buffer
		b.StartTimer()
		if _, err := Generate(ctx, t, City, 1, &log); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if testing.Verbose() {
			os.Stderr.Write(log.Bytes())
		}
		if m := trainingStep.FindSubmatch(log.Bytes()); m != nil {
			s, _ := strconv.ParseFloat(string(m[1]), 64)
			b.ReportMetric(s, "training-s")
		}
		d.Close()
	}
}
