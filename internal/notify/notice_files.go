package notify

import (
	"context"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/db"
)

// NoticeFileKind is what a notice may carry: documents and images up to
// 20 MB each.
var NoticeFileKind = attach.Kind{Code: "notice", Name: "通知附件", MaxSize: 20 << 20,
	Types: append(append([]string{}, attach.Documents...), attach.Images...)}

func noticeOwner(n Notice) attach.Owner {
	return attach.Owner{Kind: "notice", ID: n.ID, Label: " 通知 " + n.Title}
}

func (s *Service) files() (*attach.Service, error) {
	if s.Files == nil {
		return nil, app.Errorf(app.EINVALID, "本系统未启用附件存储")
	}
	return s.Files, nil
}

// AttachNoticeFile adds a file (named name, read from r) to a notice the
// actor manages. The bytes are checked by type and size and stored before
// the row is written with its audit line.
func (s *Service) AttachNoticeFile(ctx context.Context, actor app.Actor, id int64, name string, r io.Reader) (attach.Attachment, error) {
	files, err := s.files()
	if err != nil {
		return attach.Attachment{}, err
	}
	if err := actor.Require(PermNoticePublish); err != nil {
		return attach.Attachment{}, err
	}
	if _, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Notice, error) { return s.managed(ctx, tx, actor, id) }); err != nil {
		return attach.Attachment{}, err
	}
	st, err := files.Stage(ctx, NoticeFileKind, name, r)
	if err != nil {
		return attach.Attachment{}, err
	}
	var a attach.Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		n, err := s.managed(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		a, err = files.Add(ctx, tx, actor, noticeOwner(n), st)
		return err
	})
	if err != nil {
		st.Discard(ctx)
	}
	return a, err
}

// NoticeFiles lists the files of a notice the actor may read.
func (s *Service) NoticeFiles(ctx context.Context, actor app.Actor, id int64) ([]attach.Attachment, error) {
	if s.Files == nil {
		return nil, nil
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]attach.Attachment, error) {
		n, err := s.readable(ctx, tx, actor, id)
		if err != nil {
			return nil, err
		}
		return s.Files.List(ctx, tx, noticeOwner(n))
	})
}

// OpenNoticeFile opens file fileID of a notice the actor may read; a file
// of another object is ENOTFOUND. Close the reader when done.
func (s *Service) OpenNoticeFile(ctx context.Context, actor app.Actor, id, fileID int64) (attach.Attachment, io.ReadSeekCloser, error) {
	files, err := s.files()
	if err != nil {
		return attach.Attachment{}, nil, err
	}
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (attach.Attachment, error) {
		n, err := s.readable(ctx, tx, actor, id)
		if err != nil {
			return attach.Attachment{}, err
		}
		return files.Find(ctx, tx, noticeOwner(n), fileID)
	})
	if err != nil {
		return a, nil, err
	}
	rc, err := files.Open(ctx, a)
	return a, rc, err
}

// RemoveNoticeFile removes a file from a notice the actor manages.
func (s *Service) RemoveNoticeFile(ctx context.Context, actor app.Actor, id, fileID int64) error {
	files, err := s.files()
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		n, err := s.managed(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		return files.Remove(ctx, tx, actor, noticeOwner(n), fileID)
	})
}

func (s *Service) readable(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Notice, error) {
	n, err := s.loadNotice(ctx, tx, actor, id)
	if err != nil {
		return n, err
	}
	if ok, err := s.canRead(ctx, tx, actor, n); err != nil || !ok {
		return Notice{}, orNotFound(err)
	}
	return n, nil
}
