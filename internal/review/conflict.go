package review

import (
	"context"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

func init() {
	audit.RegisterActions(map[string]string{"expert.conflict_remove": "撤销回避关系"})
}

// Conflict is one declared 回避 of an expert, with what it names in Chinese.
type Conflict struct {
	ID     int64
	Kind   string // 人员, 单位 or 申报项目
	Target string // the person's, organisation's name or the submission's title
	Reason string
	Date   string // 2025-09-01
}

// Conflicts lists an expert's declared 回避 (expert in the actor's pools).
func (s *Service) Conflicts(ctx context.Context, actor app.Actor, expert int64) (out []Conflict, err error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := expertInScope(ctx, tx, actor, expert); err != nil {
			return err
		}
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Conflict, error) {
			var c Conflict
			var person, org, sub string
			var at int64
			err := r.Scan(&c.ID, &person, &org, &sub, &c.Reason, &at)
			switch {
			case person != "":
				c.Kind, c.Target = "人员", person
			case org != "":
				c.Kind, c.Target = "单位", org
			default:
				c.Kind, c.Target = "申报项目", sub
			}
			c.Date = time.Unix(at, 0).In(cst).Format("2006-01-02")
			return c, err
		}, `SELECT c.id, COALESCE(p.name, ''), COALESCE(o.name, ''), COALESCE(x.title, ''), c.reason, c.created_at
			FROM review_conflicts c LEFT JOIN people p ON p.id = c.person_id LEFT JOIN orgs o ON o.id = c.org_id
			LEFT JOIN review_submissions x ON x.id = c.submission_id WHERE c.expert_id = ? ORDER BY c.id LIMIT 500`, expert)
		return err
	})
	return out, err
}

// AddOrgConflict records an expert's declared 回避 with the organisation
// named orgName (e.g. a school they once taught at), found by its exact
// name among the organisations in the actor's scope.
func (s *Service) AddOrgConflict(ctx context.Context, actor app.Actor, expert int64, orgName, reason string) error {
	if err := actor.Require(PermExpertManage); err != nil {
		return err
	}
	var id int64
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		where, args := auth.ScopeWhere(actor, "path", "id", "")
		ids, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, "SELECT id FROM orgs WHERE name = ? AND "+where+" LIMIT 2", append([]any{strings.TrimSpace(orgName)}, args...)...)
		switch {
		case err != nil:
			return err
		case len(ids) == 0:
			return app.Invalid("org_name", "在您的管辖范围内找不到名为“%s”的单位", strings.TrimSpace(orgName))
		case len(ids) > 1:
			return app.Invalid("org_name", "有多个名为“%s”的单位，请到专家所在单位逐一登记", strings.TrimSpace(orgName))
		}
		id = ids[0]
		return nil
	})
	if err != nil {
		return err
	}
	return s.AddConflict(ctx, actor, expert, 0, id, 0, reason)
}

// AddSubmissionConflict records, from a submission's page, that the pool
// expert named expertName must not review it. The submission's campaign
// must be one the actor manages; the expert is found by exact name in the
// actor's pools.
func (s *Service) AddSubmissionConflict(ctx context.Context, actor app.Actor, submission int64, expertName, reason string) error {
	if err := actor.Require(PermCampaignManage); err != nil {
		return err
	}
	if err := actor.Require(PermExpertManage); err != nil {
		return err
	}
	var expert int64
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var campaign int64
		if err := tx.QueryRow(ctx, "SELECT campaign_id FROM review_submissions WHERE id = ?", submission).Scan(&campaign); err != nil {
			return notFound("申报")
		}
		if _, err := campaignInScope(ctx, tx, actor, campaign); err != nil {
			return notFound("申报")
		}
		where, args := auth.ScopeWhere(actor, "e.pool_path", "e.pool_org_id", "")
		ids, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, "SELECT e.id"+expertFrom+" WHERE COALESCE(p.name, e.name) = ? AND e.active = TRUE AND "+where+" LIMIT 2",
			append([]any{strings.TrimSpace(expertName)}, args...)...)
		switch {
		case err != nil:
			return err
		case len(ids) == 0:
			return app.Invalid("expert_name", "专家库中找不到名为“%s”的专家", strings.TrimSpace(expertName))
		case len(ids) > 1:
			return app.Invalid("expert_name", "专家库中有多位“%s”，请到该专家的页面登记", strings.TrimSpace(expertName))
		}
		expert = ids[0]
		return nil
	})
	if err != nil {
		return err
	}
	return s.AddConflict(ctx, actor, expert, 0, 0, submission, reason)
}

// RemoveConflict withdraws declared 回避 conflict of expert (in the
// actor's pools), with the reason, leaving an audit row that keeps what it
// was. A conflict of another expert is not found.
func (s *Service) RemoveConflict(ctx context.Context, actor app.Actor, expert, conflict int64, reason string) error {
	if err := actor.Require(PermExpertManage); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return app.Invalid("reason", "请填写撤销回避的原因")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var owner int64
		if err := tx.QueryRow(ctx, "SELECT expert_id FROM review_conflicts WHERE id = ?", conflict).Scan(&owner); err != nil || owner != expert {
			return notFound("回避关系")
		}
		e, err := expertInScope(ctx, tx, actor, expert)
		if err != nil {
			return notFound("回避关系")
		}
		var c Conflict
		var person, org, sub string
		if err := tx.QueryRow(ctx, `SELECT COALESCE(p.name, ''), COALESCE(o.name, ''), COALESCE(x.title, ''), c.reason
			FROM review_conflicts c LEFT JOIN people p ON p.id = c.person_id LEFT JOIN orgs o ON o.id = c.org_id
			LEFT JOIN review_submissions x ON x.id = c.submission_id WHERE c.id = ?`, conflict).Scan(&person, &org, &sub, &c.Reason); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM review_conflicts WHERE id = ?", conflict); err != nil {
			return err
		}
		before := audit.Snapshot{"回避对象": person + org + sub, "回避原因": c.Reason}
		return record(ctx, tx, actor, "expert.conflict_remove", "expert", expert, "撤销回避 "+e.Name+"："+reason, before, nil)
	})
}
