package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

const expertCols = `e.id, COALESCE(e.person_id, 0), COALESCE(e.user_id, 0), COALESCE(p.name, e.name), e.affiliation, COALESCE(p.org_id, e.org_id, 0),
	e.county_code, e.pool_org_id, e.pool_path, e.subjects, e.stages, e.topics, e.level, e.terms, e.max_load, e.active,
	e.reviews_done, e.reviews_late, e.declines, e.outliers, e.version`

const expertFrom = ` FROM review_experts e LEFT JOIN people p ON p.id = e.person_id`

func scanExpert(r db.Scanner) (Expert, error) {
	var e Expert
	var subj, stages, topics, level, terms string
	err := r.Scan(&e.ID, &e.PersonID, &e.UserID, &e.Name, &e.Affiliation, &e.OrgID, &e.County, &e.PoolOrgID, &e.PoolPath,
		&subj, &stages, &topics, &level, &terms, &e.MaxLoad, &e.Active, &e.Done, &e.Late, &e.Declines, &e.Outliers, &e.Version)
	e.Subjects, e.Stages, e.Topics, e.Terms = splitList(subj), splitList(stages), splitList(topics), splitList(terms)
	e.Senior = level == "senior"
	return e, err
}

func (e Expert) snapshot() audit.Snapshot {
	return audit.Snapshot{"姓名": e.Name, "学科": strings.Join(e.Subjects, "、"), "学段": strings.Join(e.Stages, "、"),
		"评审上限": fmt.Sprint(e.MaxLoad), "资深": yesNo(e.Senior), audit.VersionKey: fmt.Sprint(e.Version)}
}

func level(senior bool) string {
	if senior {
		return "senior"
	}
	return "normal"
}

// JoinPool adds an expert to the pool of the bureau poolOrg (in the actor's
// scope) and records the decision with its reason. An expert with a
// PersonID takes name, school and county from the org tree; an outside
// expert keeps the given name and affiliation.
func (s *Service) JoinPool(ctx context.Context, actor app.Actor, e Expert, reason string) (int64, error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return 0, err
	}
	if strings.TrimSpace(reason) == "" {
		return 0, app.Invalid("reason", "请填写入库决定的依据")
	}
	if err := e.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		pool, err := placeOf(ctx, tx, e.PoolOrgID)
		if err != nil || !auth.InScope(actor, pool.Path, e.PoolOrgID, 0) {
			return app.Invalid("pool_org_id", "专家库所属单位不存在或不在您的管辖范围内")
		}
		e.PoolPath = pool.Path
		if err := s.fillFromPerson(ctx, tx, actor, &e); err != nil {
			return err
		}
		now := s.now().Unix()
		e.ID, err = tx.InsertID(ctx, `INSERT INTO review_experts (person_id, user_id, name, affiliation, org_id, county_code, pool_org_id,
			pool_path, subjects, stages, topics, level, terms, max_load, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			nullID(e.PersonID), nullID(e.UserID), e.Name, e.Affiliation, nullID(e.OrgID), e.County, e.PoolOrgID, e.PoolPath,
			joinList(e.Subjects), joinList(e.Stages), joinList(e.Topics), level(e.Senior), joinList(e.Terms), e.MaxLoad, now, now)
		if err != nil {
			return err
		}
		if err := s.decide(ctx, tx, actor, e.ID, "join", reason); err != nil {
			return err
		}
		e.Version = 1
		return record(ctx, tx, actor, "expert.join", "expert", e.ID, "专家入库 "+e.Name+"："+reason, nil, e.snapshot())
	})
	return e.ID, err
}

// fillFromPerson takes an in-tree expert's name, org and county from the
// person record; the person must be in the actor's scope.
func (s *Service) fillFromPerson(ctx context.Context, tx *db.Tx, actor app.Actor, e *Expert) error {
	if e.PersonID == 0 {
		if e.OrgID != 0 {
			p, err := placeOf(ctx, tx, e.OrgID)
			if err != nil {
				return app.Invalid("org_id", "专家工作单位不存在")
			}
			e.County = p.County
		}
		return nil
	}
	var orgID int64
	err := tx.QueryRow(ctx, "SELECT name, org_id FROM people WHERE id = ?", e.PersonID).Scan(&e.Name, &orgID)
	if err != nil {
		return app.Invalid("person_id", "人员不存在")
	}
	p, err := placeOf(ctx, tx, orgID)
	if err != nil || !auth.InScope(actor, p.Path, orgID, e.PersonID) {
		return app.Invalid("person_id", "人员不存在或不在您的管辖范围内")
	}
	e.OrgID, e.County, e.Affiliation = orgID, p.County, p.Name
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_experts WHERE person_id = ? AND active = TRUE AND pool_org_id = ?", e.PersonID, e.PoolOrgID)
	if err == nil && n > 0 {
		return app.Invalid("person_id", "%s 已在该专家库中", e.Name)
	}
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (s *Service) decide(ctx context.Context, tx *db.Tx, actor app.Actor, expert int64, kind, reason string) error {
	_, err := tx.Exec(ctx, "INSERT INTO review_pool_decisions (expert_id, kind, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)",
		expert, kind, reason, actor.Username, s.now().Unix())
	return err
}

// LeavePool takes an expert out of the pool (出库) with a recorded reason;
// open invitations stay for the campaign manager to reassign. An outside
// expert's account is disabled in the same transaction and its sessions
// end, so nobody who left the pool can still sign in.
func (s *Service) LeavePool(ctx context.Context, actor app.Actor, id int64, reason string) error {
	if err := actor.Require(PermExpertManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := expertInScope(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if strings.TrimSpace(reason) == "" {
			return app.Invalid("reason", "请填写出库决定的依据")
		}
		if !e.Active {
			return app.Invalid("reason", "该专家已出库")
		}
		if _, err := tx.Exec(ctx, "UPDATE review_experts SET active = FALSE, version = version + 1, updated_at = ? WHERE id = ?", s.now().Unix(), id); err != nil {
			return err
		}
		if err := s.decide(ctx, tx, actor, id, "leave", reason); err != nil {
			return err
		}
		summary := "专家出库 " + e.Name + "：" + reason
		if e.UserID != 0 && e.PersonID == 0 {
			if err := auth.DisableOutsideAccountTx(ctx, tx, e.UserID); err != nil {
				return err
			}
			summary += "；其外部专家账号已停用"
		}
		return record(ctx, tx, actor, "expert.leave", "expert", id, summary, nil, nil)
	})
}

// UpdateExpert changes expertise, level, availability and load cap; a
// stale version is refused.
func (s *Service) UpdateExpert(ctx context.Context, actor app.Actor, e Expert) error {
	if err := actor.Require(PermExpertManage); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := expertInScope(ctx, tx, actor, e.ID)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE review_experts SET subjects = ?, stages = ?, topics = ?, level = ?, terms = ?, max_load = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, joinList(e.Subjects), joinList(e.Stages),
			joinList(e.Topics), level(e.Senior), joinList(e.Terms), e.MaxLoad, s.now().Unix(), e.ID, e.Version)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return stale()
		}
		if err != nil {
			return err
		}
		e.Name, e.Version = old.Name, e.Version+1
		return record(ctx, tx, actor, "expert.update", "expert", e.ID, "修改专家 "+old.Name, old.snapshot(), e.snapshot())
	})
}

// AddConflict records a declared 回避 of an expert: a person (师生、亲属),
// an organisation (曾任职学校) or one submission.
func (s *Service) AddConflict(ctx context.Context, actor app.Actor, expert, person, orgID, submission int64, reason string) error {
	if err := actor.Require(PermExpertManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := expertInScope(ctx, tx, actor, expert)
		if err != nil {
			return err
		}
		if strings.TrimSpace(reason) == "" || person == 0 && orgID == 0 && submission == 0 {
			return app.Invalid("reason", "请选择回避的人员或单位，并填写回避原因")
		}
		if err := addConflict(ctx, tx, expert, person, orgID, submission, reason, s.now().Unix()); err != nil {
			return err
		}
		return record(ctx, tx, actor, "expert.conflict", "expert", expert, "登记回避 "+e.Name+"："+reason, nil, nil)
	})
}

func addConflict(ctx context.Context, tx *db.Tx, expert, person, orgID, submission int64, reason string, now int64) error {
	_, err := tx.Exec(ctx, "INSERT INTO review_conflicts (expert_id, person_id, org_id, submission_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		expert, nullID(person), nullID(orgID), nullID(submission), reason, now)
	return err
}

func expertInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Expert, error) {
	e, err := scanExpert(tx.QueryRow(ctx, "SELECT "+expertCols+expertFrom+" WHERE e.id = ?", id))
	if err != nil || !auth.InScope(actor, e.PoolPath, e.PoolOrgID, 0) {
		return Expert{}, notFound("专家")
	}
	return e, nil
}

// FindExpertByID returns one expert of a pool in the actor's scope.
func (s *Service) FindExpertByID(ctx context.Context, actor app.Actor, id int64) (e Expert, err error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return e, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		e, err = expertInScope(ctx, tx, actor, id)
		return err
	})
	return e, err
}

// ExpertFilter narrows the pool list.
type ExpertFilter struct {
	Subject string
	Stage   string
	Active  bool // only experts in the pool
	Limit   int
	Offset  int
}

// FindExperts lists the experts of the pools in the actor's scope, by name,
// and the total.
func (s *Service) FindExperts(ctx context.Context, actor app.Actor, f ExpertFilter) (list []Expert, total int, err error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return nil, 0, err
	}
	where, args := auth.ScopeWhere(actor, "e.pool_path", "e.pool_org_id", "")
	if f.Subject != "" {
		where += " AND (',' || e.subjects || ',') LIKE ?"
		args = append(args, "%,"+f.Subject+",%")
	}
	if f.Stage != "" {
		where += " AND (',' || e.stages || ',') LIKE ?"
		args = append(args, "%,"+f.Stage+",%")
	}
	if f.Active {
		where += " AND e.active = TRUE"
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*)"+expertFrom+" WHERE "+where, args...); err != nil {
			return err
		}
		list, err = db.QueryAll(ctx, tx, scanExpert, "SELECT "+expertCols+expertFrom+" WHERE "+where+
			" ORDER BY e.id LIMIT ? OFFSET ?", append(args, f.Limit, f.Offset)...)
		return err
	})
	return list, total, err
}

// Decision is one recorded 入库/出库 decision.
type Decision struct {
	Kind, Reason, By string
	At               int64
}

// Date is the decision's day, as 2025-09-01.
func (d Decision) Date() string { return time.Unix(d.At, 0).In(cst).Format("2006-01-02") }

var cst = time.FixedZone("CST", 8*3600)

// Decisions lists an expert's join and leave decisions, oldest first.
func (s *Service) Decisions(ctx context.Context, actor app.Actor, id int64) (out []Decision, err error) {
	if err := actor.Require(PermExpertManage); err != nil {
		return nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := expertInScope(ctx, tx, actor, id); err != nil {
			return err
		}
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Decision, error) {
			var d Decision
			return d, r.Scan(&d.Kind, &d.Reason, &d.By, &d.At)
		}, "SELECT kind, reason, decided_by, decided_at FROM review_pool_decisions WHERE expert_id = ? ORDER BY id", id)
		return err
	})
	return out, err
}
