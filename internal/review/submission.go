package review

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

const subCols = `s.id, s.campaign_id, s.author_id, p.name, s.coauthors, s.org_id, o.name, s.org_path, s.county_code, s.title, s.subject,
	s.stage, s.content, s.status, s.level, s.check_note, s.score, s.rank_no, s.awarded, s.version, s.answers, s.score_method`

const subFrom = ` FROM review_submissions s JOIN people p ON p.id = s.author_id JOIN orgs o ON o.id = s.org_id`

func scanSub(r db.Scanner) (Submission, error) {
	var x Submission
	var co, answers string
	err := r.Scan(&x.ID, &x.CampaignID, &x.AuthorID, &x.Author, &co, &x.OrgID, &x.OrgName, &x.OrgPath, &x.County, &x.Title,
		&x.Subject, &x.Stage, &x.Content, &x.Status, &x.Level, &x.CheckNote, &x.Score, &x.Rank, &x.Awarded, &x.Version, &answers, &x.ScoreMethod)
	x.Coauthors, x.Answers = splitIDs(co), jsonList(answers)
	return x, err
}

func (x Submission) snapshot() audit.Snapshot {
	return audit.Snapshot{"题目": x.Title, "学科": x.Subject, "状态": SubStatusNames[x.Status], "推荐": LevelNames[x.Level],
		audit.VersionKey: fmt.Sprint(x.Version)}
}

// SaveDraft saves the actor's own submission as a draft (new when x.ID is
// 0), as it is typed; it returns the id and new version. Only the author
// may edit, only a draft, only while the call is open.
func (s *Service) SaveDraft(ctx context.Context, actor app.Actor, x Submission) (int64, int, error) {
	if err := actor.Require(PermSubmit); err != nil {
		return 0, 0, err
	}
	if actor.PersonID == 0 {
		return 0, 0, app.Errorf(app.EFORBIDDEN, "该账号未关联人员，不能申报")
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := loadCampaign(ctx, tx, x.CampaignID)
		if err != nil || !canSeeCampaign(actor, c) {
			return notFound("评审活动")
		}
		if err := s.callOpen(c); err != nil {
			return err
		}
		if x.ID == 0 {
			return s.insertDraft(ctx, tx, actor, &x)
		}
		old, err := ownSubmission(ctx, tx, actor, x.ID)
		if err != nil {
			return err
		}
		if old.Status != SubDraft {
			return app.Invalid("title", "已提交的申报不能修改，请先撤回")
		}
		res, err := tx.Exec(ctx, `UPDATE review_submissions SET title = ?, subject = ?, stage = ?, content = ?, coauthors = ?, answers = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, x.Title, x.Subject, x.Stage, x.Content,
			joinIDs(x.Coauthors), jsonText(x.Answers), s.now().Unix(), x.ID, x.Version)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return stale()
		}
		if err != nil {
			return err
		}
		x.Version++
		x.Status = SubDraft
		return record(ctx, tx, actor, "submission.save", "submission", x.ID, "保存申报草稿 "+x.Title, old.snapshot(), x.snapshot())
	})
	return x.ID, x.Version, err
}

func (s *Service) insertDraft(ctx context.Context, tx *db.Tx, actor app.Actor, x *Submission) error {
	var orgID int64
	if err := tx.QueryRow(ctx, "SELECT org_id FROM people WHERE id = ?", actor.PersonID).Scan(&orgID); err != nil {
		return err
	}
	p, err := placeOf(ctx, tx, orgID)
	if err != nil {
		return err
	}
	now := s.now().Unix()
	x.ID, err = tx.InsertID(ctx, `INSERT INTO review_submissions (campaign_id, author_id, coauthors, org_id, org_path, county_code, title,
		subject, stage, content, answers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		x.CampaignID, actor.PersonID, joinIDs(x.Coauthors), orgID, p.Path, p.County, x.Title, x.Subject, x.Stage, x.Content,
		jsonText(x.Answers), now, now)
	if err != nil {
		return err
	}
	x.Version, x.Status = 1, SubDraft
	return record(ctx, tx, actor, "submission.save", "submission", x.ID, "新建申报草稿 "+x.Title, nil, x.snapshot())
}

func (s *Service) callOpen(c Campaign) error {
	today := s.today()
	switch {
	case c.Status != StatusOpen || today > c.Closes:
		return app.Invalid("campaign_id", "申报已截止（截止日期 %s）", c.Closes)
	case today < c.Opens:
		return app.Invalid("campaign_id", "申报尚未开始（%s 开始）", c.Opens)
	}
	return nil
}

func ownSubmission(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Submission, error) {
	x, err := scanSub(tx.QueryRow(ctx, "SELECT "+subCols+subFrom+" WHERE s.id = ?", id))
	if err != nil || x.AuthorID != actor.PersonID || actor.PersonID == 0 {
		return Submission{}, notFound("申报")
	}
	return x, nil
}

// Submit checks a draft against the call's eligibility (dates, subject,
// stage, the form's required fields) and the per-school quota, then
// submits it.
func (s *Service) Submit(ctx context.Context, actor app.Actor, id int64) error {
	if err := actor.Require(PermSubmit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		x, err := ownSubmission(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		c, err := loadCampaign(ctx, tx, x.CampaignID)
		if err != nil {
			return err
		}
		if err := s.eligible(ctx, tx, c, x); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE review_submissions SET status = ?, submitted_at = ?, version = version + 1, updated_at = ? WHERE id = ?",
			SubSubmitted, s.now().Unix(), s.now().Unix(), id); err != nil {
			return err
		}
		after := x
		after.Status = SubSubmitted
		return record(ctx, tx, actor, "submission.submit", "submission", id, "提交申报 "+x.Title, x.snapshot(), after.snapshot())
	})
}

func (s *Service) eligible(ctx context.Context, tx *db.Tx, c Campaign, x Submission) error {
	if err := s.callOpen(c); err != nil {
		return err
	}
	switch {
	case x.Status != SubDraft:
		return app.Invalid("status", "该申报已提交")
	case strings.TrimSpace(x.Title) == "":
		return app.Invalid("title", "请填写题目")
	case strings.TrimSpace(x.Content) == "":
		return app.Invalid("content", "请填写申报内容")
	case x.Subject == "":
		return app.Invalid("subject", "请选择学科")
	case len(c.Subjects) > 0 && !slices.Contains(c.Subjects, x.Subject):
		return app.Invalid("subject", "本次活动不受理%s学科的申报", x.Subject)
	case len(c.Stages) > 0 && !slices.Contains(c.Stages, x.Stage):
		return app.Invalid("stage", "本次活动不受理该学段的申报")
	}
	for i, f := range c.Fields {
		if i >= len(x.Answers) || strings.TrimSpace(x.Answers[i]) == "" {
			return app.Invalid(fmt.Sprintf("answer_%d", i), "请填写“%s”", f)
		}
	}
	if c.SchoolQuota > 0 {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_submissions WHERE campaign_id = ? AND org_id = ? AND status NOT IN (?, ?)",
			c.ID, x.OrgID, SubDraft, SubWithdrawn)
		if err != nil {
			return err
		}
		if n >= c.SchoolQuota {
			return app.Invalid("campaign_id", "每校限报 %d 项，本校已报满", c.SchoolQuota)
		}
	}
	return nil
}

// Withdraw takes the actor's submitted entry back, until the deadline.
func (s *Service) Withdraw(ctx context.Context, actor app.Actor, id int64) error {
	if err := actor.Require(PermSubmit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		x, err := ownSubmission(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		c, err := loadCampaign(ctx, tx, x.CampaignID)
		if err != nil {
			return err
		}
		if x.Status == SubWithdrawn || x.Status == SubDraft {
			return app.Invalid("status", "该申报尚未提交或已撤回")
		}
		if c.Status != StatusOpen || s.today() > c.Closes {
			return app.Invalid("status", "申报已截止（%s），不能撤回", c.Closes)
		}
		if _, err := tx.Exec(ctx, "UPDATE review_submissions SET status = ?, level = '', version = version + 1, updated_at = ? WHERE id = ?",
			SubWithdrawn, s.now().Unix(), id); err != nil {
			return err
		}
		return record(ctx, tx, actor, "submission.withdraw", "submission", id, "撤回申报 "+x.Title, x.snapshot(), nil)
	})
}

// FindSubmissionByID returns a submission its author, or a recommender or
// campaign manager whose scope holds the author's school, may see.
func (s *Service) FindSubmissionByID(ctx context.Context, actor app.Actor, id int64) (x Submission, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		x, err = scanSub(tx.QueryRow(ctx, "SELECT "+subCols+subFrom+" WHERE s.id = ?", id))
		if err != nil {
			return notFound("申报")
		}
		if x.AuthorID == actor.PersonID && actor.PersonID != 0 {
			return nil
		}
		if (actor.Can(PermRecommend) || actor.Can(PermCampaignManage)) && auth.InScope(actor, x.OrgPath, x.OrgID, 0) {
			return nil
		}
		return notFound("申报")
	})
	return x, err
}

// SubmissionFilter narrows a campaign's submission list.
type SubmissionFilter struct {
	Campaign int64
	Status   string
	Level    string
	Mine     bool // only the actor's own
	Limit    int
	Offset   int
}

// FindSubmissions lists a campaign's submissions in the actor's scope
// (their own only, for a teacher), by rank then id.
func (s *Service) FindSubmissions(ctx context.Context, actor app.Actor, f SubmissionFilter) (list []Submission, total int, err error) {
	where, args := "s.campaign_id = ?", []any{f.Campaign}
	if f.Mine || !(actor.Can(PermRecommend) || actor.Can(PermCampaignManage)) {
		where, args = where+" AND s.author_id = ?", append(args, actor.PersonID)
	} else {
		w, a := auth.ScopeWhere(actor, "s.org_path", "s.org_id", "s.author_id")
		where, args = where+" AND "+w, append(args, a...)
		where, args = where+" AND s.status <> ?", append(args, SubDraft)
	}
	if f.Status != "" {
		where, args = where+" AND s.status = ?", append(args, f.Status)
	}
	if f.Level != "" {
		where, args = where+" AND s.level = ?", append(args, f.Level)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*)"+subFrom+" WHERE "+where, args...); err != nil {
			return err
		}
		list, err = db.QueryAll(ctx, tx, scanSub, "SELECT "+subCols+subFrom+" WHERE "+where+
			" ORDER BY CASE WHEN s.rank_no = 0 THEN 1 ELSE 0 END, s.rank_no, s.id LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
		return err
	})
	return list, total, err
}
