package review

import (
	"context"
	"fmt"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/db"
)

// Attachment is a file of a submission: the application, a paper, photos.
type Attachment = attach.Attachment

// MaxAttachment is the largest file a submission takes.
const MaxAttachment = 20 << 20

// SubmissionKind is what a submission takes: PDF, pictures and Office
// documents up to 20 MB, each checked by content.
var SubmissionKind = attach.Kind{Code: "review_submission", Name: "申报附件", MaxSize: MaxAttachment,
	Types: []string{"pdf", "jpeg", "png", "doc", "docx", "ppt", "pptx", "xls", "xlsx"}}

func (s *Service) files() *attach.Service {
	if s.Files == nil {
		return attach.NewDB(s.DB)
	}
	return s.Files
}

// subOwner names a submission's files by id only: a blind expert sees the
// files, never who sent them.
func subOwner(id int64) attach.Owner {
	return attach.Owner{Kind: "review_submission", ID: id, Label: fmt.Sprintf("申报材料 %d", id)}
}

// draftOf is the actor's own draft, the only submission files are added to.
func draftOf(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) error {
	x, err := ownSubmission(ctx, tx, actor, id)
	if err == nil && x.Status != SubDraft {
		err = app.Invalid("file", "已提交的申报不能再添加附件，请先撤回")
	}
	return err
}

// AddFile stores a file (named name, read from r) with the author's own
// draft; scope is checked before the bytes stream in and again when the
// file is recorded.
func (s *Service) AddFile(ctx context.Context, actor app.Actor, submission int64, name string, r io.Reader) (int64, error) {
	if err := actor.Require(PermSubmit); err != nil {
		return 0, err
	}
	return s.addCheckedFile(ctx, actor, name, r, func(tx *db.Tx) (attach.Owner, error) {
		return subOwner(submission), draftOf(ctx, tx, actor, submission)
	})
}

// addCheckedFile stores a file (named name, read from r) of SubmissionKind
// with the owner that owner names. owner checks that the actor may add the
// file and is run twice: in a read before the bytes stream in, and in the
// write that records the file. A file staged but not recorded is
// discarded. It returns the new file's id.
func (s *Service) addCheckedFile(ctx context.Context, actor app.Actor, name string, r io.Reader,
	owner func(tx *db.Tx) (attach.Owner, error)) (int64, error) {
	if err := s.DB.Read(ctx, func(tx *db.Tx) error { _, err := owner(tx); return err }); err != nil {
		return 0, err
	}
	st, err := s.files().Stage(ctx, SubmissionKind, name, r)
	if err != nil {
		return 0, err
	}
	var a attach.Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		o, err := owner(tx)
		if err == nil {
			a, err = s.files().Add(ctx, tx, actor, o, st)
		}
		return err
	})
	if err != nil {
		st.Discard(ctx)
	}
	return a.ID, err
}

// SubmissionFiles lists a submission's files for those who may see the submission.
func (s *Service) SubmissionFiles(ctx context.Context, actor app.Actor, submission int64) ([]Attachment, error) {
	if _, err := s.FindSubmissionByID(ctx, actor, submission); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Attachment, error) { return s.files().List(ctx, tx, subOwner(submission)) })
}

// OpenFile opens file aid of a submission the actor may see.
func (s *Service) OpenFile(ctx context.Context, actor app.Actor, submission, aid int64) (Attachment, io.ReadSeekCloser, error) {
	if _, err := s.FindSubmissionByID(ctx, actor, submission); err != nil {
		return Attachment{}, nil, err
	}
	return s.open(ctx, submission, aid)
}

func (s *Service) open(ctx context.Context, submission, aid int64) (Attachment, io.ReadSeekCloser, error) {
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) { return s.files().Find(ctx, tx, subOwner(submission), aid) })
	if err != nil {
		return a, nil, notFound("附件")
	}
	rc, err := s.files().Open(ctx, a)
	return a, rc, err
}

// TaskFiles lists the files of the submission of the actor's own task.
func (s *Service) TaskFiles(ctx context.Context, actor app.Actor, task int64) ([]Attachment, error) {
	t, err := s.FindTask(ctx, actor, task)
	if err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Attachment, error) { return s.files().List(ctx, tx, subOwner(t.Submission.ID)) })
}

// OpenTaskFile opens file aid of the submission of the actor's own task:
// the expert reaches files through the task, never by submission id.
func (s *Service) OpenTaskFile(ctx context.Context, actor app.Actor, task, aid int64) (Attachment, io.ReadSeekCloser, error) {
	t, err := s.FindTask(ctx, actor, task)
	if err != nil {
		return Attachment{}, nil, err
	}
	return s.open(ctx, t.Submission.ID, aid)
}

// callOwner names the files of a campaign's call (通知附件).
func callOwner(c Campaign) attach.Owner {
	return attach.Owner{Kind: "review_campaign", ID: c.ID, Label: c.Title}
}

// AddCallFile stores a file with the call of a campaign the actor
// organises.
func (s *Service) AddCallFile(ctx context.Context, actor app.Actor, campaign int64, name string, r io.Reader) (int64, error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	return s.addCheckedFile(ctx, actor, name, r, func(tx *db.Tx) (attach.Owner, error) {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		return callOwner(c), err
	})
}

// CallFiles lists the call's files for anyone who may see the campaign.
func (s *Service) CallFiles(ctx context.Context, actor app.Actor, campaign int64) ([]Attachment, error) {
	c, err := s.FindCampaignByID(ctx, actor, campaign)
	if err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Attachment, error) { return s.files().List(ctx, tx, callOwner(c)) })
}

// OpenCallFile opens file aid of a call the actor may see.
func (s *Service) OpenCallFile(ctx context.Context, actor app.Actor, campaign, aid int64) (Attachment, io.ReadSeekCloser, error) {
	c, err := s.FindCampaignByID(ctx, actor, campaign)
	if err != nil {
		return Attachment{}, nil, err
	}
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) { return s.files().Find(ctx, tx, callOwner(c), aid) })
	if err != nil {
		return a, nil, notFound("附件")
	}
	rc, err := s.files().Open(ctx, a)
	return a, rc, err
}
