package review

import (
	"context"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

func init() {
	audit.RegisterObjects(map[string]string{"review_outcome": "成果附件"})
	audit.RegisterActions(map[string]string{"review_outcome.attach": "上传成果附件"})
}

// outcomeOwner names the files of a 成果库 entry.
func outcomeOwner(id int64, title string) attach.Owner {
	return attach.Owner{Kind: "review_outcome", ID: id, Label: title}
}

// outcomeManaged loads an entry the actor may add files to: its
// publishing organisation lies in the actor's scope.
func outcomeManaged(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Outcome, error) {
	var path string
	var org int64
	o, err := scanOutcome(tx.QueryRow(ctx, "SELECT "+outcomeCols+" FROM review_outcomes WHERE id = ?", id))
	if err == nil {
		err = tx.QueryRow(ctx, "SELECT publisher_path, publisher_org FROM review_outcomes WHERE id = ?", id).Scan(&path, &org)
	}
	if err != nil || !auth.InScope(actor, path, org, 0) {
		return Outcome{}, notFound("成果")
	}
	return o, nil
}

// AddOutcomeFile stores a file (the 成果 itself: a report, a course's
// slides, photos; PDF, pictures and Office documents up to 20 MB, checked
// by content) with an entry the actor's organisation published. Scope is
// checked before the bytes stream in and again when the file is recorded.
func (s *Service) AddOutcomeFile(ctx context.Context, actor app.Actor, outcome int64, name string, r io.Reader) (int64, error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	return s.addCheckedFile(ctx, actor, name, r, func(tx *db.Tx) (attach.Owner, error) {
		o, err := outcomeManaged(ctx, tx, actor, outcome)
		return outcomeOwner(o.ID, o.Title), err
	})
}

// CanManageOutcome reports whether the actor may add files to the entry.
func (s *Service) CanManageOutcome(ctx context.Context, actor app.Actor, outcome int64) bool {
	if !actor.Can(PermCampaignManage) {
		return false
	}
	_, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Outcome, error) { return outcomeManaged(ctx, tx, actor, outcome) })
	return err == nil
}

// OutcomeFiles lists an entry's files for anyone the entry reaches.
func (s *Service) OutcomeFiles(ctx context.Context, actor app.Actor, outcome int64) ([]Attachment, error) {
	o, err := s.FindOutcomeByID(ctx, actor, outcome)
	if err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Attachment, error) { return s.files().List(ctx, tx, outcomeOwner(o.ID, o.Title)) })
}

// OpenOutcomeFile opens file aid of an entry that reaches the actor.
func (s *Service) OpenOutcomeFile(ctx context.Context, actor app.Actor, outcome, aid int64) (Attachment, io.ReadSeekCloser, error) {
	o, err := s.FindOutcomeByID(ctx, actor, outcome)
	if err != nil {
		return Attachment{}, nil, err
	}
	a, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) { return s.files().Find(ctx, tx, outcomeOwner(o.ID, o.Title), aid) })
	if err != nil {
		return a, nil, notFound("附件")
	}
	rc, err := s.files().Open(ctx, a)
	return a, rc, err
}
