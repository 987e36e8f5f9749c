package training

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Enrolment states (报名状态).
var EnrolStates = map[string]string{"pending": "待审核", "approved": "已录取", "returned": "未录取"}

// Quota is one county's places in a quota program.
type Quota struct {
	RegionCode string
	RegionName string
	Quota      int
	Used       int // nominated, pending or approved
}

// Left reads the places still open.
func (q Quota) Left() int { return q.Quota - q.Used }

// SetQuota gives county region its places in a quota program the
// organiser runs; it cannot fall below the places already used.
func (s *Service) SetQuota(ctx context.Context, actor app.Actor, programID int64, region string, quota int) error {
	if err := actor.Require(PermProgramManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := s.managedProgram(ctx, tx, actor, programID)
		switch {
		case err != nil:
			return err
		case p.EnrolMode != "quota":
			return app.Invalid("quota", "该项目不按名额推荐")
		case quota < 0 || quota > 100000:
			return app.Invalid("quota", "名额应为 0 至 100000 之间的整数")
		}
		name, err := regionInScope(ctx, tx, actor, region)
		if err != nil {
			return app.Invalid("region", "请选择项目所在区域内的县区")
		}
		var used int
		err = tx.QueryRow(ctx, "SELECT used FROM training_program_quotas WHERE program_id = ? AND region_code = ?", programID, region).Scan(&used)
		switch {
		case db.IsNoRows(err):
			_, err = tx.Exec(ctx, "INSERT INTO training_program_quotas (program_id, region_code, quota) VALUES (?, ?, ?)", programID, region, quota)
		case err == nil && quota < used:
			return app.Invalid("quota", "%s已推荐 %d 人，名额不能少于 %d", name, used, used)
		case err == nil:
			_, err = tx.Exec(ctx, "UPDATE training_program_quotas SET quota = ? WHERE program_id = ? AND region_code = ?", quota, programID, region)
		}
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "program.quota", "program", programID, fmt.Sprintf("分配名额：%s %s %d 人", p.Title, name, quota),
			nil, audit.Snapshot{"县区": name, "名额": fmt.Sprint(quota)})
	})
}

// FindQuotas lists a program's quotas by county.
func (s *Service) FindQuotas(ctx context.Context, actor app.Actor, programID int64) ([]Quota, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Quota, error) {
		if _, err := programInScope(ctx, tx, actor, programID); err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Quota, error) {
			var q Quota
			return q, r.Scan(&q.RegionCode, &q.RegionName, &q.Quota, &q.Used)
		}, `SELECT q.region_code, g.name, q.quota, q.used FROM training_program_quotas q JOIN regions g ON g.code = q.region_code
			WHERE q.program_id = ? ORDER BY g.path`, programID)
	})
}

// Nominate enrols people of the actor's scope in a program, pending the
// organiser's approval: in a school program (学校指派) any assigner with
// the person in scope; in a quota program (名额推荐) within the quota of
// the person's county, held in the same transaction. All or none.
func (s *Service) Nominate(ctx context.Context, actor app.Actor, programID int64, people []int64) (int, error) {
	if err := actor.Require(PermEnrolAssign); err != nil {
		return 0, err
	}
	var n int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := programInScope(ctx, tx, actor, programID)
		switch {
		case err != nil:
			return err
		case p.Completed():
			return app.Invalid("program", "该项目已结业")
		case p.EnrolMode == "open":
			return app.Invalid("program", "该项目为个人报名，不需指派")
		case len(people) == 0:
			return app.Invalid("people", "请选择参训人员")
		}
		var names []string
		for _, id := range people {
			m, err := personInScope(ctx, tx, actor, id)
			if err != nil {
				return app.Invalid("people", "所选人员不在您的管理范围内")
			}
			if err := s.nominateOne(ctx, tx, actor, p, m); err != nil {
				return err
			}
			names = append(names, m.Name)
			n++
		}
		if err := askOrganisers(ctx, tx, p); err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "program.nominate", "program", programID,
			fmt.Sprintf("%s：%s（%s）", p.EnrolModeName(), p.Title, strings.Join(names, "、")), nil, audit.Snapshot{"人数": fmt.Sprint(n)})
	})
	return n, err
}

func (s *Service) nominateOne(ctx context.Context, tx *db.Tx, actor app.Actor, p Program, m member) error {
	var state string
	err := tx.QueryRow(ctx, "SELECT state FROM training_enrolments WHERE program_id = ? AND person_id = ?", p.ID, m.ID).Scan(&state)
	if err == nil && state != "returned" {
		return app.Invalid("people", "%s已报名该项目", m.Name)
	}
	if err != nil && !db.IsNoRows(err) {
		return err
	}
	if p.EnrolMode == "quota" {
		// The conditional update holds the place: a concurrent nomination
		// waits on the row and then finds no place left.
		res, err := tx.Exec(ctx, `UPDATE training_program_quotas SET used = used + 1
			WHERE program_id = ? AND region_code = ? AND used < quota`, p.ID, m.RegionCode)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil || k == 0 {
			return app.Invalid("people", "本县区名额已满或未分配名额，%s未能推荐", m.Name)
		}
	}
	now := s.now().UnixMilli()
	if state == "returned" {
		_, err = tx.Exec(ctx, `UPDATE training_enrolments SET state = 'pending', region_code = ?, nominated_by = ?, reason = '', created_at = ?
			WHERE program_id = ? AND person_id = ?`, m.RegionCode, actor.Username, now, p.ID, m.ID)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO training_enrolments (program_id, person_id, state, region_code, nominated_by, created_at)
			VALUES (?, ?, 'pending', ?, ?, ?)`, p.ID, m.ID, m.RegionCode, actor.Username, now)
	}
	if db.IsUniqueViolation(err) {
		return app.Invalid("people", "%s已报名该项目", m.Name)
	}
	return err
}

// Enrolment is one person's enrolment as the organiser and nominators
// see it.
type Enrolment struct {
	PersonID  int64
	Name      string
	OrgName   string
	State     string
	Nominator string
	Reason    string
}

// StateName is the enrolment state in Chinese.
func (e Enrolment) StateName() string { return EnrolStates[e.State] }

// FindEnrolments lists a program's enrolments of people in the actor's
// scope (the organiser's scope holds all of them).
func (s *Service) FindEnrolments(ctx context.Context, actor app.Actor, programID int64) ([]Enrolment, error) {
	if err := actor.Require(PermEnrolAssign); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Enrolment, error) {
		if _, err := programInScope(ctx, tx, actor, programID); err != nil {
			return nil, err
		}
		scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "p.id")
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Enrolment, error) {
			var e Enrolment
			return e, r.Scan(&e.PersonID, &e.Name, &e.OrgName, &e.State, &e.Nominator, &e.Reason)
		}, `SELECT p.id, p.name, o.name, e.state, COALESCE((SELECT n.name FROM users u JOIN people n ON n.id = u.person_id
			WHERE u.username = e.nominated_by), ''), e.reason FROM training_enrolments e JOIN people p ON p.id = e.person_id
			JOIN orgs o ON o.id = p.org_id WHERE e.program_id = ? AND `+scope+` ORDER BY e.state DESC, o.path, p.name LIMIT 2000`,
			append([]any{programID}, args...)...)
	})
}

// DecideEnrolments approves or returns (with a reason) pending
// enrolments of a program the organiser runs; a returned nominee's place
// goes back to the county's quota.
func (s *Service) DecideEnrolments(ctx context.Context, actor app.Actor, programID int64, people []int64, approve bool, reason string) (int, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return 0, err
	}
	reason = strings.TrimSpace(reason)
	var n int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := s.managedProgram(ctx, tx, actor, programID)
		switch {
		case err != nil:
			return err
		case len(people) == 0:
			return app.Invalid("people", "请选择待审核的报名")
		case !approve && reason == "":
			return app.Invalid("reason", "请填写不予录取的理由")
		}
		state := map[bool]string{true: "approved", false: "returned"}[approve]
		for _, id := range people {
			var region string
			err := tx.QueryRow(ctx, "SELECT region_code FROM training_enrolments WHERE program_id = ? AND person_id = ? AND state = 'pending'",
				programID, id).Scan(&region)
			if db.IsNoRows(err) {
				return app.Invalid("people", "所选报名已审核或不存在，请刷新后重试")
			}
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "UPDATE training_enrolments SET state = ?, reason = ? WHERE program_id = ? AND person_id = ?",
				state, reason, programID, id); err != nil {
				return err
			}
			if !approve && p.EnrolMode == "quota" {
				if _, err := tx.Exec(ctx, "UPDATE training_program_quotas SET used = used - 1 WHERE program_id = ? AND region_code = ?",
					programID, region); err != nil {
					return err
				}
			}
			if err := tellEnrolment(ctx, tx, p, id, approve, reason); err != nil {
				return err
			}
			n++
		}
		if err := settleEnrolTodo(ctx, tx, programID); err != nil {
			return err
		}
		action := "program.enrol_returned"
		if approve {
			action = "program.enrol_approved"
		}
		return audit.RecordChange(ctx, tx, actor, action, "program", programID,
			fmt.Sprintf("%s报名：%s，%d 人", EnrolStates[state], p.Title, n), nil, audit.Snapshot{"结果": EnrolStates[state], "理由": reason})
	})
	return n, err
}

// QuotaRegions are the counties a quota program's organiser may give
// places to: the program's region if a county, else its counties.
func (s *Service) QuotaRegions(ctx context.Context, actor app.Actor, programID int64) ([]Quota, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Quota, error) {
		p, err := s.managedProgram(ctx, tx, actor, programID)
		if err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Quota, error) {
			var q Quota
			return q, r.Scan(&q.RegionCode, &q.RegionName)
		}, `SELECT code, name FROM regions WHERE level = 'county' AND (code = ? OR parent_code = ?) AND active = TRUE ORDER BY path`,
			p.RegionCode, p.RegionCode)
	})
}
