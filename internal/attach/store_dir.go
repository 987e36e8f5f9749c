package attach

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jiaoyan/internal/db"
)

// DirStorage keeps blobs in a local directory under content-addressed paths
// (ab/cd/<sha256>). A blob is written to tmp/, synced, renamed into place
// and its directory synced before the blob row commits, so a committed row
// always finds its file after a crash; a file without a row is harmless and
// the sweep removes it.
type DirStorage struct {
	Root string
}

// Name implements Storage.
func (s *DirStorage) Name() string { return "dir" }

// Limit implements Storage.
func (s *DirStorage) Limit() int64 { return 0 }

func (s *DirStorage) tmpDir() string { return filepath.Join(s.Root, "tmp") }

// NewWriter implements Storage.
func (s *DirStorage) NewWriter(ctx context.Context) (Writer, error) {
	if err := os.MkdirAll(s.tmpDir(), 0o750); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(s.tmpDir(), "upload-*")
	if err != nil {
		return nil, err
	}
	return &dirWriter{File: f, root: s.Root}, nil
}

type dirWriter struct {
	*os.File
	root string
	key  string
}

func dirKey(sum string) string { return sum[0:2] + "/" + sum[2:4] + "/" + sum }

func (w *dirWriter) Finish(ctx context.Context, sum string) (string, error) {
	if err := w.Sync(); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	w.key = dirKey(sum)
	return w.key, nil
}

// Commit renames the synced temporary file into place and syncs the
// directories the rename changed. An existing file with the same address
// holds the same bytes, so the new copy is dropped.
func (w *dirWriter) Commit(ctx context.Context, tx *db.Tx) error {
	dst := filepath.Join(w.root, filepath.FromSlash(w.key))
	if _, err := os.Stat(dst); err == nil {
		os.Remove(w.Name())
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return err
	}
	if err := os.Rename(w.Name(), dst); err != nil {
		return err
	}
	return syncDirs(filepath.Dir(dst), filepath.Dir(filepath.Dir(dst)), w.root)
}

func syncDirs(dirs ...string) error {
	for _, d := range dirs {
		f, err := os.Open(d)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *dirWriter) Abort(ctx context.Context) {
	w.Close()
	os.Remove(w.Name())
}

// Open implements Storage.
func (s *DirStorage) Open(ctx context.Context, key string, size int64) (io.ReadSeekCloser, error) {
	if !validDirKey(key) {
		return nil, errors.New("attach: bad key " + key)
	}
	return os.Open(filepath.Join(s.Root, filepath.FromSlash(key)))
}

// validDirKey keeps a key inside the root (keys come from rows, but a path
// never gets built from an unchecked string).
func validDirKey(key string) bool {
	parts := strings.Split(key, "/")
	if len(parts) == 2 && parts[0] == "tmp" {
		return strings.HasPrefix(parts[1], "upload-") && !strings.Contains(parts[1], `\`)
	}
	return len(parts) == 3 && len(parts[2]) == 64 && parts[0] == parts[2][:2] && parts[1] == parts[2][2:4] &&
		strings.Trim(parts[2], "0123456789abcdef") == ""
}

// Delete implements Storage.
func (s *DirStorage) Delete(ctx context.Context, key string) error {
	if !validDirKey(key) {
		return errors.New("attach: bad key " + key)
	}
	err := os.Remove(filepath.Join(s.Root, filepath.FromSlash(key)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Walk implements Storage: blobs and left-over temporary files.
func (s *DirStorage) Walk(ctx context.Context, fn func(string, time.Time) error) error {
	err := filepath.WalkDir(s.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(s.Root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !validDirKey(key) {
			return nil // not ours
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return fn(key, info.ModTime())
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
