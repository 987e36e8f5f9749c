package liaison

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Attachment is a file kept with a visit: 听课记录, photos, survey material.
type Attachment struct {
	ID        int64
	VisitID   int64
	Name      string
	Mime      string
	Size      int64
	SHA256    string
	CreatedBy string
	CreatedAt time.Time
}

// MaxAttachment is the largest file a visit takes.
const MaxAttachment = 10 << 20

// attachable are the kinds of file people attach, by extension.
var attachable = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".pdf": true, ".doc": true, ".docx": true,
	".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".txt": true, ".mp3": true, ".m4a": true}

// checkAttachment validates a file's name, size and that its content is
// what its extension claims for the common kinds (no script renamed .jpg).
func checkAttachment(name string, content []byte) (string, error) {
	ext := strings.ToLower(path.Ext(name))
	mime := http.DetectContentType(content)
	switch {
	case strings.TrimSpace(name) == "" || len(content) == 0:
		return "", app.Invalid("file", "请选择要上传的文件")
	case len(content) > MaxAttachment:
		return "", app.Errorf(app.ETOOLARGE, "附件不能超过 10 MB")
	case !attachable[ext]:
		return "", app.Invalid("file", "只能上传图片、PDF、Office 文档、文本或录音（%s 不支持）", ext)
	case (ext == ".jpg" || ext == ".jpeg" || ext == ".png") && !strings.HasPrefix(mime, "image/"):
		return "", app.Invalid("file", "文件内容不是图片")
	case ext == ".pdf" && mime != "application/pdf":
		return "", app.Invalid("file", "文件内容不是 PDF")
	}
	return mime, nil
}

// AddAttachment stores a file with a visit the actor may write.
func (s *Service) AddAttachment(ctx context.Context, actor app.Actor, visitID int64, name string, content []byte) (int64, error) {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	mime, err := checkAttachment(name, content)
	if err != nil {
		return 0, err
	}
	sum := sha256.Sum256(content)
	var id int64
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		v, err := loadVisit(ctx, tx, actor, visitID)
		if err != nil {
			return err
		}
		if err := canWrite(ctx, tx, actor, v.ResearcherID); err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO visit_attachments (visit_id, name, mime, size, sha256, content, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, visitID, name, mime, len(content), hex.EncodeToString(sum[:]), content,
			actor.Username, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "visit.attach", "visit", visitID, "上传附件 "+name+"（"+v.ResearcherName+" 到 "+v.SchoolName+"）",
			nil, audit.Snapshot{"附件": name, "大小": itoa(len(content)), "SHA-256": hex.EncodeToString(sum[:])})
	})
	return id, err
}

// Attachments lists a visit's files (without content).
func (s *Service) Attachments(ctx context.Context, actor app.Actor, visitID int64) ([]Attachment, error) {
	var out []Attachment
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadVisit(ctx, tx, actor, visitID); err != nil {
			return err
		}
		var err error
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Attachment, error) {
			var a Attachment
			var at int64
			err := r.Scan(&a.ID, &a.VisitID, &a.Name, &a.Mime, &a.Size, &a.SHA256, &a.CreatedBy, &at)
			a.CreatedAt = time.UnixMilli(at)
			return a, err
		}, "SELECT id, visit_id, name, mime, size, sha256, created_by, created_at FROM visit_attachments WHERE visit_id = ? ORDER BY id", visitID)
		return err
	})
	return out, err
}

// Attachment returns one file of a visit the actor may see.
func (s *Service) Attachment(ctx context.Context, actor app.Actor, visitID, id int64) (Attachment, []byte, error) {
	var a Attachment
	var content []byte
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadVisit(ctx, tx, actor, visitID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, "SELECT id, visit_id, name, mime, size, content FROM visit_attachments WHERE id = ? AND visit_id = ?",
			id, visitID).Scan(&a.ID, &a.VisitID, &a.Name, &a.Mime, &a.Size, &content)
		if db.IsNoRows(err) {
			return notFound("附件")
		}
		return err
	})
	return a, content, err
}
