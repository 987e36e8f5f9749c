package activity

import (
	"context"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/db"
)

// Attachment is a file kept with an activity's 活动方案 or 活动记录, or with
// a post of a 网络教研 thread.
type Attachment = attach.Attachment

// MaxAttachment is the largest file an activity or post takes.
const MaxAttachment = 10 << 20

// The parts of an activity a file belongs to.
const (
	PartPlan   = "plan"   // 活动方案
	PartRecord = "record" // 活动记录与材料
)

var fileTypes = []string{"jpeg", "png", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "mp3", "m4a"}

// The kinds of file the module takes: pictures, PDF, Office documents, text
// and recordings up to 10 MB, each checked by content.
var (
	PlanFiles   = attach.Kind{Code: "activity_plan", Name: "活动方案附件", MaxSize: MaxAttachment, Types: fileTypes}
	RecordFiles = attach.Kind{Code: "activity_record", Name: "活动记录与材料", MaxSize: MaxAttachment, Types: fileTypes}
	PostFiles   = attach.Kind{Code: "room_post", Name: "帖子附件", MaxSize: MaxAttachment, Types: fileTypes}
)

// PostObject is the audit object type of a thread post's files.
const PostObject = "room_post"

// files is the attachment store; without one wired, files go to the database.
func (s *Service) files() *attach.Service {
	if s.Files == nil {
		return attach.NewDB(s.DB)
	}
	return s.Files
}

func activityOwner(a Activity) attach.Owner {
	return attach.Owner{Kind: ObjectType, ID: a.ID, Label: a.Title}
}

// partKind is the kind of file of part.
func partKind(part string) (attach.Kind, error) {
	switch part {
	case PartPlan:
		return PlanFiles, nil
	case PartRecord:
		return RecordFiles, nil
	}
	return attach.Kind{}, app.Invalid("part", "请选择附件属于活动方案还是活动记录")
}

// attachable loads an activity the actor organises whose part takes files
// now: the plan while a draft or published, the record once running or
// ended and until the outcome is archived.
func (s *Service) attachable(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, part string) (Activity, error) {
	a, err := s.managed(ctx, tx, actor, id)
	if err != nil {
		return a, err
	}
	switch {
	case part == PartPlan && a.State != StateDraft && a.State != StatePublished:
		return a, app.Errorf(app.EINVALID, "活动%s后不能再修改方案附件", a.StateName())
	case part == PartRecord && a.State != StateRunning && a.State != StateEnded && a.State != StateSubmitted:
		return a, app.Errorf(app.EINVALID, "活动开始后才能上传活动记录与材料，归档后不能再上传")
	}
	return a, nil
}

// AddActivityFile stores a file (named name, read from r) with the plan or
// the record (part) of an activity the actor organises. Scope is checked
// before the bytes stream in and again in the transaction that records
// the file and its audit line.
func (s *Service) AddActivityFile(ctx context.Context, actor app.Actor, id int64, part, name string, r io.Reader) (int64, error) {
	k, err := partKind(part)
	if err != nil {
		return 0, err
	}
	if _, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Activity, error) { return s.attachable(ctx, tx, actor, id, part) }); err != nil {
		return 0, err
	}
	files := s.files()
	st, err := files.Stage(ctx, k, name, r)
	if err != nil {
		return 0, err
	}
	var att attach.Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		a, err := s.attachable(ctx, tx, actor, id, part)
		if err == nil {
			att, err = files.Add(ctx, tx, actor, activityOwner(a), st)
		}
		return err
	})
	if err != nil {
		st.Discard(ctx)
	}
	return att.ID, err
}

// ActivityFile returns one file of an activity the actor may see and its
// bytes; the caller closes the reader.
func (s *Service) ActivityFile(ctx context.Context, actor app.Actor, id, fileID int64) (Attachment, io.ReadSeekCloser, error) {
	f, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) {
		a, _, _, err := s.open(ctx, tx, actor, id)
		if err != nil {
			return Attachment{}, err
		}
		return s.files().Find(ctx, tx, activityOwner(a), fileID)
	})
	if err != nil {
		return f, nil, err
	}
	rc, err := s.files().Open(ctx, f)
	return f, rc, err
}

// postOf loads post id of thread for the actor, who must belong to its
// room; mine requires the actor to be its author.
func (s *Service) postOf(ctx context.Context, tx *db.Tx, actor app.Actor, thread, post int64, mine bool) (attach.Owner, error) {
	var room, author int64
	var title string
	err := tx.QueryRow(ctx, `SELECT t.room_id, t.title, x.author_id FROM room_posts x JOIN room_threads t ON t.id = x.thread_id
		WHERE x.id = ? AND x.thread_id = ?`, post, thread).Scan(&room, &title, &author)
	if db.IsNoRows(err) {
		return attach.Owner{}, app.Errorf(app.ENOTFOUND, "找不到该帖子，或您不是成员")
	}
	if err != nil {
		return attach.Owner{}, err
	}
	if _, err := s.roomOf(ctx, tx, actor, room); err != nil {
		return attach.Owner{}, err
	}
	if mine && (actor.PersonID == 0 || author != actor.PersonID) {
		return attach.Owner{}, app.Errorf(app.EFORBIDDEN, "只能给自己发的帖子上传附件")
	}
	return attach.Owner{Kind: PostObject, ID: post, Label: "「" + title + "」"}, nil
}

// AddPostFile stores a file with a post of thread that the actor wrote.
func (s *Service) AddPostFile(ctx context.Context, actor app.Actor, thread, post int64, name string, r io.Reader) (int64, error) {
	if _, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (attach.Owner, error) { return s.postOf(ctx, tx, actor, thread, post, true) }); err != nil {
		return 0, err
	}
	files := s.files()
	st, err := files.Stage(ctx, PostFiles, name, r)
	if err != nil {
		return 0, err
	}
	var att attach.Attachment
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		o, err := s.postOf(ctx, tx, actor, thread, post, true)
		if err == nil {
			att, err = files.Add(ctx, tx, actor, o, st)
		}
		return err
	})
	if err != nil {
		st.Discard(ctx)
	}
	return att.ID, err
}

// PostFile returns one file of a post of thread, for a member of its room;
// the caller closes the reader.
func (s *Service) PostFile(ctx context.Context, actor app.Actor, thread, post, fileID int64) (Attachment, io.ReadSeekCloser, error) {
	f, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Attachment, error) {
		o, err := s.postOf(ctx, tx, actor, thread, post, false)
		if err != nil {
			return Attachment{}, err
		}
		return s.files().Find(ctx, tx, o, fileID)
	})
	if err != nil {
		return f, nil, err
	}
	rc, err := s.files().Open(ctx, f)
	return f, rc, err
}
