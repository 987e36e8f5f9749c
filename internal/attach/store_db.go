package attach

import (
	"context"
	"errors"
	"io"
	"os"
	"time"

	"jiaoyan/internal/db"
)

// chunkSize is the size of one attach_chunks row. It is part of the stored
// format: reading finds byte n in chunk n/chunkSize.
const chunkSize = 256 << 10

// DBStorage keeps blobs in the database, in attach_chunks rows written in
// the same transaction as the blob row. It suits small files; Max caps them.
type DBStorage struct {
	DB  *db.DB
	Max int64 // largest blob, bytes
}

// Name implements Storage.
func (s *DBStorage) Name() string { return "db" }

// Limit implements Storage.
func (s *DBStorage) Limit() int64 { return s.Max }

// NewWriter spools the bytes to a temporary file until Commit copies them
// into rows, so no whole file sits in memory and no row exists before the
// transaction that needs it.
func (s *DBStorage) NewWriter(ctx context.Context) (Writer, error) {
	f, err := os.CreateTemp("", "jiaoyan-attach-*")
	if err != nil {
		return nil, err
	}
	return &dbWriter{File: f}, nil
}

type dbWriter struct {
	*os.File
	key string
}

func (w *dbWriter) Finish(ctx context.Context, sum string) (string, error) {
	w.key = sum
	return sum, nil
}

func (w *dbWriter) Commit(ctx context.Context, tx *db.Tx) error {
	defer w.Abort(ctx)
	if _, err := w.Seek(0, io.SeekStart); err != nil {
		return err
	}
	buf := make([]byte, chunkSize)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(w.File, buf)
		if n > 0 {
			if _, err := tx.Exec(ctx, "INSERT INTO attach_chunks (storage_key, seq, data) VALUES (?, ?, ?)",
				w.key, seq, buf[:n]); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (w *dbWriter) Abort(ctx context.Context) {
	w.Close()
	os.Remove(w.Name())
}

// Open implements Storage: a reader that fetches one chunk at a time, each
// in its own short read transaction.
func (s *DBStorage) Open(ctx context.Context, key string, size int64) (io.ReadSeekCloser, error) {
	return &chunkReader{ctx: ctx, db: s.DB, key: key, size: size}, nil
}

// Delete implements Storage.
func (s *DBStorage) Delete(ctx context.Context, key string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "DELETE FROM attach_chunks WHERE storage_key = ?", key)
		return err
	})
}

// Walk implements Storage. Chunks are written with their blob row, so every
// key counts as old.
func (s *DBStorage) Walk(ctx context.Context, fn func(string, time.Time) error) error {
	keys, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]string, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var k string
			return k, r.Scan(&k)
		}, "SELECT DISTINCT storage_key FROM attach_chunks")
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := fn(k, time.Time{}); err != nil {
			return err
		}
	}
	return nil
}

type chunkReader struct {
	ctx   context.Context
	db    *db.DB
	key   string
	size  int64
	off   int64
	seq   int64
	chunk []byte // chunk seq, nil when not loaded
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	seq := r.off / chunkSize
	if r.chunk == nil || r.seq != seq {
		if err := r.load(seq); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.chunk[r.off-seq*chunkSize:])
	r.off += int64(n)
	return n, nil
}

func (r *chunkReader) load(seq int64) error {
	data, err := db.ReadValue(r.ctx, r.db, func(tx *db.Tx) ([]byte, error) {
		var b []byte
		err := tx.QueryRow(r.ctx, "SELECT data FROM attach_chunks WHERE storage_key = ? AND seq = ?", r.key, seq).Scan(&b)
		return b, err
	})
	if err != nil {
		return err
	}
	if len(data) == 0 || int64(len(data)) < min(chunkSize, r.size-seq*chunkSize) {
		return errors.New("attach: short chunk")
	}
	r.seq, r.chunk = seq, data
	return nil
}

func (r *chunkReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	}
	if offset < 0 {
		return 0, errors.New("attach: negative position")
	}
	r.off = offset
	return offset, nil
}

func (r *chunkReader) Close() error { return nil }
