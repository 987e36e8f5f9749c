package attach

import (
	"context"
	"io"
	"strconv"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Add attaches a staged file to owner inside the caller's transaction tx
// (which has checked the actor's scope on owner) and records the audit line
// under the owner's object type ("visit.attach"). The blob is stored once:
// if a blob with the same SHA-256 exists, the staged bytes are dropped and
// the blob shared. The staged bytes are durable before tx commits.
func (s *Service) Add(ctx context.Context, tx *db.Tx, actor app.Actor, owner Owner, st *Staged) (Attachment, error) {
	if st == nil || st.done || st.w == nil {
		return Attachment{}, app.Invalid("file", "请选择要上传的文件")
	}
	blob, err := s.blobFor(ctx, tx, st)
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{Owner: owner, Name: st.Name, Kind: st.Kind, FileType: st.FileType.Code, Mime: st.FileType.Mime,
		Size: st.Size, SHA256: st.SHA256, CreatedBy: actor.Username, CreatedAt: s.now(), blob: blob}
	a.ID, err = tx.InsertID(ctx, `INSERT INTO attachments (owner_kind, owner_id, blob_id, name, kind, file_type, mime,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, owner.Kind, owner.ID, blob.ID, a.Name,
		a.Kind, a.FileType, a.Mime, a.CreatedBy, a.CreatedAt.UnixMilli())
	if err != nil {
		return Attachment{}, err
	}
	return a, audit.RecordChange(ctx, tx, actor, owner.Kind+".attach", owner.Kind, owner.ID,
		"上传附件 "+a.Name+label(owner), nil, snapshot(a))
}

func label(o Owner) string {
	if o.Label == "" {
		return ""
	}
	return "（" + o.Label + "）"
}

func snapshot(a Attachment) audit.Snapshot {
	return audit.Snapshot{"附件": a.Name, "大小": strconv.FormatInt(a.Size, 10), "SHA-256": a.SHA256}
}

// blobFor returns the blob row for st's bytes: an existing one with the
// same SHA-256 (dropping the staged copy), or a new one committed to storage.
func (s *Service) blobFor(ctx context.Context, tx *db.Tx, st *Staged) (blobRef, error) {
	st.done = true
	b, err := findBlob(ctx, tx, st.SHA256)
	if err == nil || !db.IsNoRows(err) {
		st.w.Abort(ctx) // bytes already stored (or no row to keep them)
		return b, err
	}
	b = blobRef{Backend: s.Store.Name(), Key: st.key, Size: st.Size}
	b.ID, err = tx.InsertID(ctx, `INSERT INTO attach_blobs (sha256, size, backend, storage_key, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`, st.SHA256, st.Size, b.Backend, b.Key,
		s.now().UnixMilli())
	if db.IsNoRows(err) { // another upload of the same bytes committed meanwhile
		st.w.Abort(ctx)
		return findBlob(ctx, tx, st.SHA256)
	}
	if err != nil {
		st.w.Abort(ctx)
		return blobRef{}, err
	}
	return b, st.w.Commit(ctx, tx)
}

func findBlob(ctx context.Context, tx *db.Tx, sum string) (blobRef, error) {
	var b blobRef
	err := tx.QueryRow(ctx, "SELECT id, backend, storage_key, size FROM attach_blobs WHERE sha256 = ?", sum).
		Scan(&b.ID, &b.Backend, &b.Key, &b.Size)
	return b, err
}

const selectAttachment = `SELECT a.id, a.owner_kind, a.owner_id, a.name, a.kind, a.file_type, a.mime, a.created_by,
	a.created_at, b.id, b.sha256, b.size, b.backend, b.storage_key FROM attachments a JOIN attach_blobs b ON b.id = a.blob_id`

func scanAttachment(r db.Scanner) (Attachment, error) {
	var a Attachment
	var at int64
	err := r.Scan(&a.ID, &a.Owner.Kind, &a.Owner.ID, &a.Name, &a.Kind, &a.FileType, &a.Mime, &a.CreatedBy, &at,
		&a.blob.ID, &a.SHA256, &a.Size, &a.blob.Backend, &a.blob.Key)
	a.blob.Size = a.Size
	a.CreatedAt = time.UnixMilli(at)
	return a, err
}

// List returns owner's attachments, oldest first, read in the caller's tx.
func (s *Service) List(ctx context.Context, tx *db.Tx, owner Owner) ([]Attachment, error) {
	return db.QueryAll(ctx, tx, scanAttachment, selectAttachment+
		" WHERE a.owner_kind = ? AND a.owner_id = ? ORDER BY a.id", owner.Kind, owner.ID)
}

// Find returns attachment id of owner; ENOTFOUND if it is not owner's, so
// an id from another object never opens through this one.
func (s *Service) Find(ctx context.Context, tx *db.Tx, owner Owner, id int64) (Attachment, error) {
	a, err := scanAttachment(tx.QueryRow(ctx, selectAttachment+
		" WHERE a.id = ? AND a.owner_kind = ? AND a.owner_id = ?", id, owner.Kind, owner.ID))
	if db.IsNoRows(err) {
		return a, app.Errorf(app.ENOTFOUND, "附件不存在或已删除")
	}
	return a, err
}

// Open streams the bytes of a, found by List or Find. The reader seeks
// (for range requests); close it when done. Call it outside a transaction.
func (s *Service) Open(ctx context.Context, a Attachment) (io.ReadSeekCloser, error) {
	st, ok := s.Readers[a.blob.Backend]
	if !ok {
		return nil, app.Internal(errNoBackend(a.blob.Backend))
	}
	return st.Open(ctx, a.blob.Key, a.blob.Size)
}

type errNoBackend string

func (e errNoBackend) Error() string {
	return "attach: storage backend " + string(e) + " is not configured"
}

// Remove deletes attachment id of owner in the caller's transaction and
// records it under the owner. The blob stays until Sweep finds no
// attachment using it.
func (s *Service) Remove(ctx context.Context, tx *db.Tx, actor app.Actor, owner Owner, id int64) error {
	a, err := s.Find(ctx, tx, owner, id)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM attachments WHERE id = ?", id); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, owner.Kind+".detach", owner.Kind, owner.ID,
		"删除附件 "+a.Name+label(owner), snapshot(a), nil)
}
