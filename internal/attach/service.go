package attach

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Service stores and finds attachments. Store takes new files; Readers
// (by backend name) read blobs an earlier setting put elsewhere.
type Service struct {
	DB      *db.DB
	Store   Storage
	Readers map[string]Storage
	Now     func() time.Time
}

// New returns a Service writing to store and reading from store and more.
func New(d *db.DB, store Storage, more ...Storage) *Service {
	s := &Service{DB: d, Store: store, Readers: map[string]Storage{store.Name(): store}}
	for _, m := range more {
		s.Readers[m.Name()] = m
	}
	if _, ok := s.Readers["db"]; !ok {
		s.Readers["db"] = &DBStorage{DB: d}
	}
	return s
}

// DefaultDBMax is the database backend's cap when no setting gives one.
const DefaultDBMax = 32 << 20

// NewDB returns a Service that keeps files in the database d, the default
// backend, for modules and tests wired without storage settings.
func NewDB(d *db.DB) *Service { return New(d, &DBStorage{DB: d, Max: DefaultDBMax}) }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return app.Now()
}

// Staged is a file whose bytes have been checked and streamed to storage
// but that belongs to no object yet. Pass it to Add, or Discard it.
type Staged struct {
	Name     string
	Kind     string
	FileType FileType
	Size     int64
	SHA256   string
	key      string
	w        Writer
	done     bool
}

// Stage streams r, a file the user named name, into storage: its type is
// found from its first bytes and must match the extension and be one k
// allows; it may not exceed k.MaxSize or the backend's limit. Only one
// buffer of the stream is in memory at a time. Call it outside any
// transaction (it can take minutes), after the owner's scope check.
func (s *Service) Stage(ctx context.Context, k Kind, name string, r io.Reader) (*Staged, error) {
	name, err := cleanName(name)
	if err != nil {
		return nil, err
	}
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	head = head[:n]
	if n == 0 {
		return nil, app.Invalid("file", "文件是空的，请重新选择")
	}
	ft, err := checkType(k, name, head)
	if err != nil {
		return nil, err
	}
	st := &Staged{Name: name, Kind: k.Code, FileType: ft}
	return st, s.write(ctx, st, s.limit(k), io.MultiReader(bytes.NewReader(head), r))
}

func (s *Service) limit(k Kind) int64 {
	if l := s.Store.Limit(); l > 0 && l < k.MaxSize {
		return l
	}
	return k.MaxSize
}

// write copies r into a new blob writer, hashing as it goes, and refuses
// the file as soon as it passes limit.
func (s *Service) write(ctx context.Context, st *Staged, limit int64, r io.Reader) error {
	w, err := s.Store.NewWriter(ctx)
	if err != nil {
		return app.Internal(err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(r, limit+1))
	if err == nil && n > limit {
		err = s.tooLarge(limit)
	}
	if err == nil {
		st.SHA256 = hex.EncodeToString(h.Sum(nil))
		st.key, err = w.Finish(ctx, st.SHA256)
	}
	if err != nil {
		w.Abort(ctx)
		return err
	}
	st.Size, st.w = n, w
	return nil
}

func (s *Service) tooLarge(limit int64) error {
	if s.Store.Limit() == limit {
		return app.Errorf(app.ETOOLARGE, "文件超过 %s：附件存放在数据库中时不能更大，大文件请管理员改用目录或对象存储", humanSize(limit))
	}
	return app.Errorf(app.ETOOLARGE, "文件不能超过 %s", humanSize(limit))
}

// Discard throws away a staged file that was not added. It is safe after Add.
func (st *Staged) Discard(ctx context.Context) {
	if st != nil && !st.done && st.w != nil {
		st.w.Abort(ctx)
		st.done = true
	}
}

// humanSize writes a byte count the way people say it: 10 MB, 2 GB.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// cleanName keeps the last element of an uploaded path (browsers on Windows
// may send C:\...), without control characters, at most 120 characters.
func cleanName(name string) (string, error) {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" || name == "." || name == "/" {
		return "", app.Invalid("file", "请选择要上传的文件")
	}
	if utf8.RuneCountInString(name) > 120 {
		ext := path.Ext(name)
		r := []rune(strings.TrimSuffix(name, ext))
		name = string(r[:120-utf8.RuneCountInString(ext)]) + ext
	}
	return name, nil
}
