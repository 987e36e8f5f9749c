package review

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Outcome kinds (成果类别).
const (
	OutcomeProject = "project" // 课题成果
	OutcomeCourse  = "course"  // 精品课程
	OutcomeCase    = "case"    // 精品案例
	OutcomePrize   = "prize"   // 教学成果奖
	OutcomeOther   = "other"   // 其他
)

// OutcomeKindNames are the Chinese names of the outcome kinds.
var OutcomeKindNames = map[string]string{OutcomeProject: "课题成果", OutcomeCourse: "精品课程", OutcomeCase: "精品案例",
	OutcomePrize: "教学成果奖", OutcomeOther: "其他成果"}

// Outcome is one entry of the 成果库, visible to everyone under the
// organisation it was published to.
type Outcome struct {
	ID                   int64
	Kind, Title, Summary string
	Subject, Stage       string
	Author, OrgName      string
	Published            string
}

// OutcomeFilter narrows the 成果库.
type OutcomeFilter struct {
	Kind, Subject, Stage string
	Limit, Offset        int
}

// Publish puts an awarded submission of a final campaign into the 成果库
// as kind, visible under the organiser's region. It returns the id.
func (s *Service) Publish(ctx context.Context, actor app.Actor, submission int64, kind string) (id int64, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		x, err := scanSub(tx.QueryRow(ctx, "SELECT "+subCols+subFrom+" WHERE s.id = ?", submission))
		if err != nil {
			return notFound("申报")
		}
		c, err := campaignInScope(ctx, tx, actor, x.CampaignID)
		if err != nil {
			return err
		}
		switch {
		case OutcomeKindNames[kind] == "":
			return app.Invalid("kind", "请选择成果类别")
		case c.Status != StatusFinal || !x.Awarded:
			return app.Invalid("kind", "只有最终名单中的项目可以发布到成果库")
		}
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_outcomes WHERE submission_id = ?", submission)
		if err != nil || n > 0 {
			if err == nil {
				err = app.Invalid("kind", "该成果已发布")
			}
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO review_outcomes (kind, title, summary, subject, stage, author, org_name, submission_id,
			publisher_org, publisher_path, reach_path, published_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			kind, x.Title, x.Content, x.Subject, x.Stage, x.Author, x.OrgName, x.ID, c.OrgID, c.OrgPath, c.ReachPath, s.today(), s.now().Unix())
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "outcome.publish", "outcome", id, "发布到成果库 "+x.Title, nil, nil)
	})
	return id, err
}

// outcomeVisible is the condition that an outcome reaches the actor: it
// was published to a part of the tree the actor is in, or by an
// organisation in the actor's scope.
func outcomeVisible(actor app.Actor) (string, []any) {
	w, args := auth.ScopeWhere(actor, "publisher_path", "publisher_org", "")
	if actor.OrgPath == "" {
		return w, args
	}
	return "(" + w + " OR ? LIKE reach_path || '%')", append(args, actor.OrgPath)
}

const outcomeCols = "id, kind, title, summary, subject, stage, author, org_name, published_on"

func scanOutcome(r db.Scanner) (Outcome, error) {
	var o Outcome
	return o, r.Scan(&o.ID, &o.Kind, &o.Title, &o.Summary, &o.Subject, &o.Stage, &o.Author, &o.OrgName, &o.Published)
}

// FindOutcomes lists the 成果库 entries that reach the actor, newest
// first, filtered by kind, subject and stage.
func (s *Service) FindOutcomes(ctx context.Context, actor app.Actor, f OutcomeFilter) (list []Outcome, total int, err error) {
	where, args := outcomeVisible(actor)
	for _, c := range [][2]string{{"kind", f.Kind}, {"subject", f.Subject}, {"stage", f.Stage}} {
		if c[1] != "" {
			where, args = where+" AND "+c[0]+" = ?", append(args, strings.TrimSpace(c[1]))
		}
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*) FROM review_outcomes WHERE "+where, args...); err != nil {
			return err
		}
		list, err = db.QueryAll(ctx, tx, scanOutcome, "SELECT "+outcomeCols+" FROM review_outcomes WHERE "+where+
			" ORDER BY id DESC LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
		return err
	})
	return list, total, err
}

// FindOutcomeByID returns one entry that reaches the actor.
func (s *Service) FindOutcomeByID(ctx context.Context, actor app.Actor, id int64) (o Outcome, err error) {
	where, args := outcomeVisible(actor)
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		o, err = scanOutcome(tx.QueryRow(ctx, "SELECT "+outcomeCols+" FROM review_outcomes WHERE id = ? AND "+where, append([]any{id}, args...)...))
		if err != nil {
			return notFound("成果")
		}
		return nil
	})
	return o, err
}
