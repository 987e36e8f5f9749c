package attach

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// backend is one storage backend under test, over a fresh database.
type backend struct {
	name string
	open func(t testing.TB, d *db.DB) Storage
}

// dbLimit is the database backend's cap in these tests.
const dbLimit = 4 << 20

var backends = []backend{
	{"db", func(t testing.TB, d *db.DB) Storage { return &DBStorage{DB: d, Max: dbLimit} }},
	{"dir", func(t testing.TB, d *db.DB) Storage { return &DirStorage{Root: t.TempDir()} }},
	{"s3", openTestS3},
}

// openTestS3 connects to the S3-compatible server JIAOYAN_TEST_S3 names
// (http://ACCESS:SECRET@127.0.0.1:PORT) with a new bucket for the test; the
// test is skipped when it is not set (.ci/run sets it).
func openTestS3(t testing.TB, d *db.DB) Storage {
	raw := os.Getenv("JIAOYAN_TEST_S3")
	if raw == "" {
		t.Skip("JIAOYAN_TEST_S3 not set: no S3-compatible server for this run")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("JIAOYAN_TEST_S3: %v", err)
	}
	secret, _ := u.User.Password()
	b := make([]byte, 5)
	rand.Read(b)
	st, err := NewS3Storage(context.Background(), S3Options{
		Endpoint: u.Host, UseSSL: u.Scheme == "https", AccessKey: u.User.Username(), SecretKey: secret,
		Bucket: "jiaoyan-test-" + hex.EncodeToString(b), Region: "us-east-1",
	})
	if err != nil {
		t.Fatalf("S3 at %s: %v", u.Host, err)
	}
	return st
}

// eachBackend runs fn against every backend, each with its own database
// (SQLite, or PostgreSQL when JIAOYAN_TEST_PG is set).
func eachBackend(t *testing.T, fn func(t *testing.T, s *Service)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			d := testutil.OpenTestDB(t)
			fn(t, New(d, b.open(t, d)))
		})
	}
}

// stored lists every key the service's writing backend holds.
func stored(t *testing.T, s *Service) []string {
	t.Helper()
	var keys []string
	err := s.Store.Walk(context.Background(), func(k string, _ time.Time) error {
		keys = append(keys, k)
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return keys
}
