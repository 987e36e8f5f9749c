package liaison_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
)

// oldVisitAttachments is the table of migration 0005, as a database had it
// before migration 0011 moved its rows onto attach.
const oldVisitAttachments = `CREATE TABLE visit_attachments (id BIGINT PRIMARY KEY, visit_id BIGINT NOT NULL REFERENCES visits(id),
	name TEXT NOT NULL, mime TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, content %s NOT NULL,
	created_by TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL)`

// rewindToBeforeAttach puts d back to the schema before migration 0011.
func rewindToBeforeAttach(t *testing.T, d *db.DB) {
	blob := "BLOB"
	if d.Dialect == db.Postgres {
		blob = "BYTEA"
	}
	for _, q := range []string{"DROP TABLE attachments", "DROP TABLE attach_chunks", "DROP TABLE attach_blobs",
		strings.Replace(oldVisitAttachments, "%s", blob, 1), "DELETE FROM schema_migrations WHERE version = 11"} {
		if err := d.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestVisitAttachmentsMoveOntoAttachWithTheirBytes(t *testing.T) {
	f := newFixture(t)
	vid, err := f.Svc.SaveVisit(ctx, f.ResUserA, liaison.Visit{ResearcherID: f.ResA, SchoolID: f.SchoolA,
		Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rewindToBeforeAttach(t, f.DB)
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("听课记录"), 60_000)...) // 720 KB: three chunks
	old := []struct {
		id   int64
		name string
		data []byte
	}{{41, "听课记录.pdf", pdf}, {42, "听课记录（副本）.PDF", pdf}, {43, "座谈纪要.txt", []byte("教师座谈 12 人")}}
	for _, o := range old {
		sum := sha256.Sum256(o.data)
		if err := f.DB.Exec(ctx, `INSERT INTO visit_attachments (id, visit_id, name, mime, size, sha256, content, created_by, created_at)
			VALUES (?, ?, ?, 'application/octet-stream', ?, ?, ?, 'res_a', 1760000000000)`, o.id, vid, o.name, len(o.data),
			hex.EncodeToString(sum[:]), o.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.DB.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	files, err := f.Svc.Attachments(ctx, f.ResUserA, vid)
	if err != nil || len(files) != 3 {
		t.Fatalf("after the move the visit lists %d files (%v)", len(files), err)
	}
	for i, o := range old {
		a, rc, err := f.Svc.Attachment(ctx, f.ResUserA, vid, o.id)
		if err != nil {
			t.Fatalf("old link /visits/%d/attachments/%d: %v", vid, o.id, err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got, o.data) || a.Name != o.name || a.CreatedBy != "res_a" || files[i].ID != o.id {
			t.Fatalf("moved %s reads %d bytes as %q by %q", o.name, len(got), a.Name, a.CreatedBy)
		}
	}
	if files[0].Mime != "application/pdf" || files[1].FileType != "pdf" || files[2].Mime != "text/plain; charset=utf-8" {
		t.Fatalf("types after the move: %+v", files)
	}
	var blobs int
	f.DB.Read(ctx, func(tx *db.Tx) (err error) {
		blobs, err = tx.Count(ctx, "SELECT COUNT(*) FROM attach_blobs")
		return err
	})
	if blobs != 2 {
		t.Fatalf("two copies of one PDF moved into %d blobs, want one per content (2)", blobs)
	}
	if err := f.DB.Exec(ctx, "SELECT 1 FROM visit_attachments"); err == nil {
		t.Fatal("the old table is still there")
	}
	id, err := f.Svc.AddAttachment(ctx, f.ResUserA, vid, "新照片.png", bytes.NewReader([]byte("\x89PNG\r\n\x1a\nIHDR")))
	if err != nil || id <= 43 {
		t.Fatalf("a new upload after the move got id %d (%v), want past the moved ids", id, err)
	}
}

func TestVisitAttachmentsAreCheckedAndScoped(t *testing.T) {
	f := newFixture(t)
	vid, err := f.Svc.SaveVisit(ctx, f.ResUserA, liaison.Visit{ResearcherID: f.ResA, SchoolID: f.SchoolA,
		Purpose: liaison.PurposeLiaison, StartDate: "2025-11-03"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddAttachment(ctx, f.ResUserA, vid, "照片.jpg", strings.NewReader("<script>alert(1)</script>")); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("a script named .jpg: %v", err)
	}
	if _, err := f.Svc.AddAttachment(ctx, f.ResUserB, vid, "记录.txt", strings.NewReader("记录")); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("another county's researcher attached to the visit: %v", err)
	}
	id, err := f.Svc.AddAttachment(ctx, f.ResUserA, vid, "记录.txt", strings.NewReader("第一节听课"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Svc.Attachment(ctx, f.CountyB, vid, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B opened county A's visit file: %v", err)
	}
}
