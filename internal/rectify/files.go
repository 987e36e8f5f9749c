package rectify

import (
	"context"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/db"
)

// MaxFile is the largest file a 问题调研 takes.
const MaxFile = 20 << 20

// InvestigationFiles are the files of a 问题调研: survey sheets, lesson
// records, photos and the like, each checked by content.
var InvestigationFiles = attach.Kind{Code: "rectify", Name: "问题调研附件", MaxSize: MaxFile,
	Types: []string{"jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt"}}

// Attachment is a file kept with a loop's 问题调研.
type Attachment = attach.Attachment

func (s *Service) files() *attach.Service {
	if s.Store == nil {
		return attach.NewDB(s.DB)
	}
	return s.Store
}

func loopOwner(l Loop) attach.Owner {
	return attach.Owner{Kind: "rectify", ID: l.ID, Label: l.OrgName + " " + l.Title}
}

// writableLoop loads a loop whose 问题调研 the actor may add files to.
func writableLoop(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Loop, error) {
	if err := actor.Require(PermEdit); err != nil {
		return Loop{}, err
	}
	l, err := loadLoop(ctx, tx, actor, id)
	if err == nil && l.Status == StatusClosed {
		err = app.Errorf(app.ECONFLICT, "整改已办结，不能再添加附件")
	}
	return l, err
}

// AddFile stores a file (named name, read from r) with the loop's 问题调研.
// The scope is checked before the bytes stream in and again in the
// transaction that records the file and its audit line.
func (s *Service) AddFile(ctx context.Context, actor app.Actor, id int64, name string, r io.Reader) (int64, error) {
	if _, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Loop, error) { return writableLoop(ctx, tx, actor, id) }); err != nil {
		return 0, err
	}
	files := s.files()
	st, err := files.Stage(ctx, InvestigationFiles, name, r)
	if err != nil {
		return 0, err
	}
	var a attach.Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		l, err := writableLoop(ctx, tx, actor, id)
		if err == nil {
			a, err = files.Add(ctx, tx, actor, loopOwner(l), st)
		}
		return err
	})
	if err != nil {
		st.Discard(ctx)
	}
	return a.ID, err
}

// FindFiles lists the files of a loop the actor may see.
func (s *Service) FindFiles(ctx context.Context, actor app.Actor, id int64) ([]Attachment, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Attachment, error) {
		l, err := loadLoop(ctx, tx, actor, id)
		if err != nil {
			return nil, err
		}
		return s.files().List(ctx, tx, loopOwner(l))
	})
}

// File returns one file of a loop the actor may see and its bytes; the
// caller closes the reader.
func (s *Service) File(ctx context.Context, actor app.Actor, id, fileID int64) (Attachment, io.ReadSeekCloser, error) {
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) {
		l, err := loadLoop(ctx, tx, actor, id)
		if err != nil {
			return Attachment{}, err
		}
		return s.files().Find(ctx, tx, loopOwner(l), fileID)
	})
	if err != nil {
		return a, nil, err
	}
	rc, err := s.files().Open(ctx, a)
	return a, rc, err
}
