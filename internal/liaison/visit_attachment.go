package liaison

import (
	"context"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/db"
)

// Attachment is a file kept with a visit: 听课记录, photos, survey material.
type Attachment = attach.Attachment

// MaxAttachment is the largest file a visit takes.
const MaxAttachment = 10 << 20

// VisitFiles is the kind of file a visit takes: pictures, PDF, Office
// documents, text and recordings up to 10 MB, each checked by content.
var VisitFiles = attach.Kind{Code: "visit", Name: "到校附件", MaxSize: MaxAttachment,
	Types: []string{"jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "mp3", "m4a"}}

// files is the attachment store; without one wired, files go to the database.
func (s *Service) files() *attach.Service {
	if s.Files == nil {
		return attach.NewDB(s.DB)
	}
	return s.Files
}

func visitOwner(v Visit) attach.Owner {
	return attach.Owner{Kind: "visit", ID: v.ID, Label: v.ResearcherName + " 到 " + v.SchoolName}
}

// writableVisit loads a visit the actor may add files to.
func writableVisit(ctx context.Context, tx *db.Tx, actor app.Actor, visitID int64) (Visit, error) {
	v, err := loadVisit(ctx, tx, actor, visitID)
	if err != nil {
		return v, err
	}
	return v, canWrite(ctx, tx, actor, v.ResearcherID)
}

// AddAttachment stores a file (named name, read from r) with a visit the
// actor may write. The scope is checked before the bytes stream in and
// again in the transaction that records the file and its audit line.
func (s *Service) AddAttachment(ctx context.Context, actor app.Actor, visitID int64, name string, r io.Reader) (int64, error) {
	if _, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Visit, error) { return writableVisit(ctx, tx, actor, visitID) }); err != nil {
		return 0, err
	}
	files := s.files()
	st, err := files.Stage(ctx, VisitFiles, name, r)
	if err != nil {
		return 0, err
	}
	var a attach.Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		v, err := writableVisit(ctx, tx, actor, visitID)
		if err == nil {
			a, err = files.Add(ctx, tx, actor, visitOwner(v), st)
		}
		return err
	})
	if err != nil {
		st.Discard(ctx)
	}
	return a.ID, err
}

// Attachments lists a visit's files.
func (s *Service) Attachments(ctx context.Context, actor app.Actor, visitID int64) ([]Attachment, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Attachment, error) {
		v, err := loadVisit(ctx, tx, actor, visitID)
		if err != nil {
			return nil, err
		}
		return s.files().List(ctx, tx, visitOwner(v))
	})
}

// Attachment returns one file of a visit the actor may see and its bytes;
// the caller closes the reader.
func (s *Service) Attachment(ctx context.Context, actor app.Actor, visitID, id int64) (Attachment, io.ReadSeekCloser, error) {
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) {
		v, err := loadVisit(ctx, tx, actor, visitID)
		if err != nil {
			return Attachment{}, err
		}
		return s.files().Find(ctx, tx, visitOwner(v), id)
	})
	if err != nil {
		return a, nil, err
	}
	rc, err := s.files().Open(ctx, a)
	return a, rc, err
}
