package training

import (
	"context"
	"fmt"
	"io"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/notify"
)

// CreateClaim records the actor's claim with its certificate (named name,
// read from file): a pending ledger entry, the claim at the school stage,
// a 待办 for the school's administrators. Returns EINVALID for a bad claim
// or no certificate.
func (s *Service) CreateClaim(ctx context.Context, actor app.Actor, c Claim, name string, file io.Reader) (int64, error) {
	if err := actor.Require(PermClaimCreate); err != nil {
		return 0, err
	}
	if actor.PersonID == 0 {
		return 0, app.Errorf(app.EFORBIDDEN, "您的账号未关联教师，不能申报学分")
	}
	if err := c.Validate(s.now().In(chinaTime)); err != nil {
		return 0, err
	}
	if file == nil || name == "" {
		return 0, app.Invalid("file", "请上传培训证书（图片或 PDF）")
	}
	files := s.files()
	st, err := files.Stage(ctx, CertificateFiles, name, file)
	if err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error { return s.insertClaim(ctx, tx, actor, &c, files, st) })
	if err != nil {
		st.Discard(ctx)
	}
	return c.ID, err
}

func (s *Service) insertClaim(ctx context.Context, tx *db.Tx, actor app.Actor, c *Claim, files *attach.Service, st *attach.Staged) error {
	m, err := personInScope(ctx, tx, actor, actor.PersonID)
	if err != nil {
		return err
	}
	start, _ := time.Parse("2006-01-02", c.StartDate)
	c.PersonID, c.OrgID, c.SchoolYear = m.ID, m.OrgID, dict.SchoolYearOf(start)
	c.EntryID, err = credit.Add(ctx, tx, credit.Entry{PersonID: m.ID, SchoolYear: c.SchoolYear, Date: c.EndDate,
		Category: c.Category, Level: c.Level, Title: c.Title, Hours: c.Hours, Source: SourceClaim, State: credit.StatePending,
		CreatedBy: actor.Username, CreatedAt: s.now().UnixMilli()})
	if err != nil {
		return err
	}
	c.ID, err = tx.InsertID(ctx, `INSERT INTO training_claims (entry_id, person_id, org_id, organiser, start_date, end_date,
		stage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.EntryID, m.ID, m.OrgID, c.Organiser, c.StartDate,
		c.EndDate, StageSchool, s.now().UnixMilli())
	if err != nil {
		return err
	}
	if _, err := files.Add(ctx, tx, actor, claimOwner(c.ID, m.Name, c.Title), st); err != nil {
		return err
	}
	admins, err := notify.UsersAt(ctx, tx, m.OrgID, auth.RoleSchoolAdmin)
	if err != nil {
		return err
	}
	if err := notify.AddTodos(ctx, tx, admins, claimTodo(c.ID, StageSchool, m.Name, c.Title)); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, "claim.create", "claim", c.ID, "申报学分认定："+m.Name+" "+c.Title, nil,
		audit.Snapshot{"项目": c.Title, "主办单位": c.Organiser, "学时": num(c.Hours), "日期": c.StartDate + " 至 " + c.EndDate,
			audit.VersionKey: "1"})
}

func claimOwner(id int64, person, title string) attach.Owner {
	return attach.Owner{Kind: "claim", ID: id, Label: person + " " + title}
}

// claimTodo is the 待办 of a claim's stage for its approvers.
func claimTodo(id int64, stage, person, title string) notify.Todo {
	return notify.Todo{Key: todoKey(id, stage), Source: "学分认定", Title: "审核学分认定：" + person + " " + title,
		Link: fmt.Sprintf("/credits/claims/%d", id)}
}

func todoKey(id int64, stage string) string { return fmt.Sprintf("claim:%d:%s", id, stage) }

// level is the approval stage the actor decides: a school's own
// administrators the school stage, a bureau or research office the county.
func level(ctx context.Context, tx *db.Tx, actor app.Actor) (string, error) {
	if err := actor.Require(PermClaimApprove); err != nil {
		return "", err
	}
	var kind string
	err := tx.QueryRow(ctx, "SELECT kind FROM orgs WHERE id = ?", actor.OrgID).Scan(&kind)
	switch {
	case db.IsNoRows(err):
		return "", app.Errorf(app.EFORBIDDEN, "您的账号未关联单位，不能审核")
	case err != nil:
		return "", err
	case kind == "school":
		return StageSchool, nil
	}
	return StageCounty, nil
}
