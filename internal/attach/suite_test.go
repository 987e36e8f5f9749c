package attach

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

var (
	ctx   = context.Background()
	alice = app.System("李老师")
	visit = Owner{Kind: "visit", ID: 7, Label: "李老师 到 实验小学"}
	other = Owner{Kind: "visit", ID: 8}
	// kindVisit is a module-registered kind: 1 MiB of pictures and documents.
	kindVisit = Kind{Code: "visit", Name: "到校附件", MaxSize: 1 << 20, Types: append(append([]string{}, Images...), Documents...)}
)

func pdfBytes(body string) []byte { return []byte("%PDF-1.7\n" + body + "\n%%EOF\n") }

// add stages and adds a file in one transaction, as a module's service does.
func add(t *testing.T, s *Service, o Owner, k Kind, name string, content io.Reader) (Attachment, error) {
	t.Helper()
	return addTo(s, o, k, name, content)
}

func addTB(t testing.TB, s *Service, k Kind, name string, content io.Reader) (Attachment, error) {
	return addTo(s, visit, k, name, content)
}

func addTo(s *Service, o Owner, k Kind, name string, content io.Reader) (Attachment, error) {
	st, err := s.Stage(ctx, k, name, content)
	if err != nil {
		return Attachment{}, err
	}
	var a Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		a, err = s.Add(ctx, tx, alice, o, st)
		return err
	})
	return a, err
}

func mustAdd(t *testing.T, s *Service, o Owner, name string, content []byte) Attachment {
	t.Helper()
	a, err := add(t, s, o, kindVisit, name, bytes.NewReader(content))
	if err != nil {
		t.Fatalf("add %s: %v", name, err)
	}
	return a
}

func readAll(t *testing.T, s *Service, a Attachment) []byte {
	t.Helper()
	r, err := s.Open(ctx, a)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return b
}

func count(t *testing.T, s *Service, q string, args ...any) int {
	t.Helper()
	n, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) { return tx.Count(ctx, q, args...) })
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStoragePutOpenAndDedupe(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Service) {
		content := pdfBytes("听课记录")
		a := mustAdd(t, s, visit, "听课记录（三年级数学）.pdf", content)
		b := mustAdd(t, s, other, "副本.pdf", content)
		if got := readAll(t, s, a); !bytes.Equal(got, content) {
			t.Fatalf("read back %q, want %q", got, content)
		}
		if a.SHA256 != b.SHA256 || count(t, s, "SELECT COUNT(*) FROM attach_blobs") != 1 {
			t.Fatalf("same bytes twice should be one blob: %d blobs", count(t, s, "SELECT COUNT(*) FROM attach_blobs"))
		}
		if n := len(stored(t, s)); n != 1 {
			t.Fatalf("storage holds %d objects after a duplicate upload, want 1", n)
		}
		var list []Attachment
		s.DB.Read(ctx, func(tx *db.Tx) (err error) { list, err = s.List(ctx, tx, visit); return err })
		if len(list) != 1 || list[0].Name != "听课记录（三年级数学）.pdf" || list[0].Mime != "application/pdf" || list[0].Size != int64(len(content)) {
			t.Fatalf("list = %+v", list)
		}
		if got := readAll(t, s, list[0]); !bytes.Equal(got, content) {
			t.Fatalf("listed attachment reads %q", got)
		}
	})
}

func TestStorageFindIsPerOwnerAndAddIsAudited(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Service) {
		a := mustAdd(t, s, visit, "照片.png", []byte("\x89PNG\r\n\x1a\n0000IHDR"))
		err := s.DB.Read(ctx, func(tx *db.Tx) error { _, err := s.Find(ctx, tx, other, a.ID); return err })
		if app.ErrorCode(err) != app.ENOTFOUND {
			t.Fatalf("another object's attachment: %v, want not found", err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM audit_log WHERE action = 'visit.attach' AND object_type = 'visit' AND object_id = '7' AND summary LIKE '%照片.png%实验小学%'"); n != 1 {
			t.Fatalf("audit rows for the upload under the visit: %d", n)
		}
	})
}

func TestStorageSeeksForRangeRequests(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Service) {
		content := pdfBytes(string(bytes.Repeat([]byte("0123456789"), 60_000))) // > 2 db chunks
		a := mustAdd(t, s, visit, "长文档.pdf", content)
		r, err := s.Open(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for _, off := range []int64{300_000, 5, int64(len(content)) - 7} {
			if _, err := r.Seek(off, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 7)
			if _, err := io.ReadFull(r, buf); err != nil || !bytes.Equal(buf, content[off:off+7]) {
				t.Fatalf("at %d read %q (%v), want %q", off, buf, err, content[off:off+7])
			}
		}
		if end, _ := r.Seek(0, io.SeekEnd); end != int64(len(content)) {
			t.Fatalf("size by seek = %d, want %d", end, len(content))
		}
	})
}

func zipWith(names ...string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, n := range names {
		w, _ := z.Create(n)
		w.Write([]byte("<xml/>"))
	}
	z.Close()
	return b.Bytes()
}

func TestStorageRefusesContentThatIsNotItsType(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Service) {
		for name, content := range map[string][]byte{
			"通知.pdf":    zipWith("a.txt"),                                   // a zip named .pdf
			"照片.jpg":    append([]byte("MZ\x90\x00"), make([]byte, 200)...), // a program named .jpg
			"说明.txt":    []byte("<html><script>alert(1)</script></html>"),
			"教案.docx":   zipWith("a.txt", "b.txt"), // a zip that is no Office file
			"表格.xlsx":   zipWith("[Content_Types].xml", "word/document.xml"),
			"setup.exe": append([]byte("MZ\x90\x00"), make([]byte, 200)...),
		} {
			_, err := add(t, s, visit, kindVisit, name, bytes.NewReader(content))
			if app.ErrorCode(err) != app.EINVALID {
				t.Errorf("%s: %v, want refused as invalid", name, err)
			}
		}
		if n := count(t, s, "SELECT COUNT(*) FROM attachments"); n != 0 || len(stored(t, s)) != 0 {
			t.Fatalf("refused files left %d rows, %v in storage", n, stored(t, s))
		}
		mustAdd(t, s, visit, "教案.docx", zipWith("[Content_Types].xml", "_rels/.rels", "word/document.xml"))
	})
}

func TestStorageRefusesOverTheKindsLimit(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Service) {
		big := io.MultiReader(bytes.NewReader(pdfBytes("")), io.LimitReader(zeros{}, 2<<20))
		_, err := add(t, s, visit, kindVisit, "大文件.pdf", big)
		var ae *app.Error
		if !errors.As(err, &ae) || ae.Code != app.ETOOLARGE || ae.Message != "文件不能超过 1 MB" {
			t.Fatalf("2 MB into a 1 MB kind: %v", err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM attach_blobs"); n != 0 || len(stored(t, s)) != 0 {
			t.Fatalf("refused file left %d blobs, %v in storage", n, stored(t, s))
		}
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestStorageRemoveAndSweep(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Service) {
		a := mustAdd(t, s, visit, "旧照片.gif", []byte("GIF89a-old"))
		keep := mustAdd(t, s, visit, "保留.gif", []byte("GIF89a-keep"))
		if err := s.DB.Write(ctx, func(tx *db.Tx) error { return s.Remove(ctx, tx, alice, visit, a.ID) }); err != nil {
			t.Fatal(err)
		}
		// An upload whose owner's transaction rolled back leaves bytes without a row.
		st, err := s.Stage(ctx, kindVisit, "未保存.gif", bytes.NewReader([]byte("GIF89a-lost")))
		if err != nil {
			t.Fatal(err)
		}
		s.DB.Write(ctx, func(tx *db.Tx) error {
			s.Add(ctx, tx, alice, visit, st)
			return errors.New("the visit failed to save")
		})
		res, err := s.Sweep(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if res.Blobs != 1 || count(t, s, "SELECT COUNT(*) FROM attach_blobs") != 1 {
			t.Fatalf("sweep = %+v, %d blobs left", res, count(t, s, "SELECT COUNT(*) FROM attach_blobs"))
		}
		if keys := stored(t, s); len(keys) != 1 || keys[0] != keep.blob.Key {
			t.Fatalf("storage after sweep holds %v, want only %s", keys, keep.blob.Key)
		}
		if got := readAll(t, s, keep); string(got) != "GIF89a-keep" {
			t.Fatalf("kept file reads %q", got)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM audit_log WHERE action = 'visit.detach' AND summary LIKE '%旧照片.gif%'"); n != 1 {
			t.Fatalf("removal audited %d times", n)
		}
	})
}
