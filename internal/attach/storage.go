package attach

import (
	"context"
	"io"
	"time"

	"jiaoyan/internal/db"
)

// Storage keeps the bytes of blobs. A backend is chosen by setting; blobs
// stored by another backend stay readable as long as it is configured.
type Storage interface {
	// Name is the backend's name stored with each blob: "db", "dir" or "s3".
	Name() string
	// Limit is the largest blob the backend takes, 0 for no limit.
	Limit() int64
	// NewWriter starts a blob. The caller writes the bytes, then Finish, and
	// Commit inside the transaction that inserts the blob row (or Abort).
	NewWriter(ctx context.Context) (Writer, error)
	// Open reads the blob stored under key, size bytes long.
	Open(ctx context.Context, key string, size int64) (io.ReadSeekCloser, error)
	// Delete removes the blob under key; a missing blob is no error.
	Delete(ctx context.Context, key string) error
	// Walk calls fn for every stored key with the time it was written, for
	// the sweep of bytes no row refers to.
	Walk(ctx context.Context, fn func(key string, written time.Time) error) error
}

// Writer is one blob being stored.
type Writer interface {
	io.Writer
	// Finish ends the bytes, whose SHA-256 (hex) is sum, and returns the key
	// the blob will have. It does the slow part (flushing, uploading).
	Finish(ctx context.Context, sum string) (key string, err error)
	// Commit makes the blob durable under its key before tx commits.
	Commit(ctx context.Context, tx *db.Tx) error
	// Abort throws the bytes away (before or after Finish, never after Commit).
	Abort(ctx context.Context)
}
