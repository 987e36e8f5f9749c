package training

import (
	"context"
	"fmt"
	"math"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// EnrolModes are the ways people enrol (报名方式).
var EnrolModes = map[string]string{"open": "个人报名", "school": "学校指派", "quota": "县区按名额推荐"}

// ProgramKinds are the program kinds (项目类别).
var ProgramKinds = map[string]string{"tier": "分层培训", "new_teacher": "新任教师岗前培训", "new_head": "新班主任岗前培训",
	"trainer": "研训人员能力提升"}

// Program is one 培训项目 of a region's 年度培训计划.
type Program struct {
	ID         int64
	RegionCode string
	SchoolYear int
	Title      string
	Kind       string
	Tier       string
	Subject    string
	Stage      string
	Hours      float64
	Budget     float64 // 万元
	Provider   string
	Open       bool   // anyone in the region may sign up (EnrolMode open)
	EnrolMode  string // open, school or quota (EnrolModes)
	Pending    int    // assigned or nominated, awaiting the organiser
	MyState    string // the actor's enrolment: "", pending, approved or returned
	Status     string
	Enrolled   int  // approved enrolments
	Credited   int  // attendees whose hours reached the ledger on completion
	Mine       bool // the actor's enrolment is approved
	Version    int
}

// KindName is the program's kind in Chinese.
func (p Program) KindName() string { return ProgramKinds[p.Kind] }

// TierName is the target tier in Chinese, "" for all.
func (p Program) TierName() string { return org.TierNames[p.Tier] }

// Completed reports whether the hours have reached the ledger.
func (p Program) Completed() bool { return p.Status == "completed" }

// EnrolModeName is the enrolment mode in Chinese.
func (p Program) EnrolModeName() string { return EnrolModes[p.EnrolMode] }

// Validate checks a program as the form gives it. Without an enrolment
// mode, Open chooses between open and assigned by school.
func (p *Program) Validate() error {
	if p.EnrolMode == "" {
		p.EnrolMode = map[bool]string{true: "open", false: "school"}[p.Open]
	}
	p.Open = p.EnrolMode == "open"
	p.Title, p.Provider = strings.TrimSpace(p.Title), strings.TrimSpace(p.Provider)
	switch {
	case p.Title == "":
		return app.Invalid("title", "请填写项目名称")
	case EnrolModes[p.EnrolMode] == "":
		return app.Invalid("enrol_mode", "请选择报名方式")
	case ProgramKinds[p.Kind] == "":
		return app.Invalid("kind", "请选择项目类别")
	case p.Tier != "" && org.TierNames[p.Tier] == "":
		return app.Invalid("tier", "请选择培训对象梯级")
	case math.IsNaN(p.Hours) || p.Hours <= 0 || p.Hours > 1000:
		return app.Invalid("hours", "学时应大于 0 且不超过 1000")
	case math.IsNaN(p.Budget) || p.Budget < 0:
		return app.Invalid("budget", "预算不能为负数")
	case p.Provider == "":
		return app.Invalid("provider", "请填写承训机构")
	case p.SchoolYear < 2000 || p.SchoolYear > 2100:
		return app.Invalid("school_year", "学年应为 2000 至 2100 之间的年份")
	}
	return nil
}

// CreateProgram adds a program to the actor's region's annual plan.
func (s *Service) CreateProgram(ctx context.Context, actor app.Actor, p Program) (int64, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return 0, err
	}
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if p.RegionCode, err = actorRegion(ctx, tx, actor); err != nil {
			return err
		}
		p.ID, err = tx.InsertID(ctx, `INSERT INTO training_programs (region_code, school_year, title, kind, tier, subject, stage,
			hours, budget, provider, open, enrol_mode, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?)
			RETURNING id`, p.RegionCode, p.SchoolYear, p.Title, p.Kind, p.Tier, p.Subject, p.Stage, p.Hours, p.Budget, p.Provider,
			p.Open, p.EnrolMode, actor.Username, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "program.create", "program", p.ID, "新增培训项目："+p.Title, nil,
			audit.Snapshot{"项目": p.Title, "类别": p.KindName(), "学时": num(p.Hours), "承训机构": p.Provider, "报名方式": p.EnrolModeName()})
	})
	return p.ID, err
}

const programSelect = `SELECT t.id, t.region_code, t.school_year, t.title, t.kind, t.tier, t.subject, t.stage, t.hours, t.budget,
	t.provider, t.open, t.enrol_mode, t.status, t.version,
	(SELECT COUNT(*) FROM training_enrolments e WHERE e.program_id = t.id AND e.state = 'approved'),
	(SELECT COUNT(*) FROM training_enrolments e WHERE e.program_id = t.id AND e.state = 'pending'),
	COALESCE((SELECT e.state FROM training_enrolments e WHERE e.program_id = t.id AND e.person_id = ?), ''),
	(SELECT COUNT(*) FROM credit_entries c WHERE c.source = 'program' AND c.source_id = t.id) FROM training_programs t
	JOIN regions g ON g.code = t.region_code`

func scanProgram(r db.Scanner) (Program, error) {
	var p Program
	err := r.Scan(&p.ID, &p.RegionCode, &p.SchoolYear, &p.Title, &p.Kind, &p.Tier, &p.Subject, &p.Stage, &p.Hours, &p.Budget,
		&p.Provider, &p.Open, &p.EnrolMode, &p.Status, &p.Version, &p.Enrolled, &p.Pending, &p.MyState, &p.Credited)
	p.Mine = p.MyState == "approved"
	return p, err
}

// programVisible is the condition on regions g under which the actor sees
// a program: one of the actor's own region or the regions above it (a
// city's program is for its counties' teachers), or, for managers, one in
// their scope.
func programVisible(actor app.Actor) (string, []any) {
	scope, args := auth.ScopeWhere(actor, "g.path", "0", "")
	return "((SELECT r.path FROM regions r JOIN orgs o ON o.region_code = r.code WHERE o.id = ?) LIKE g.path || '%' OR " + scope + ")",
		append([]any{actor.OrgID}, args...)
}

// FindPrograms lists the programs of 学年 year the actor may see.
func (s *Service) FindPrograms(ctx context.Context, actor app.Actor, year int) ([]Program, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	vis, args := programVisible(actor)
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Program, error) {
		return db.QueryAll(ctx, tx, scanProgram, programSelect+" WHERE t.school_year = ? AND "+vis+" ORDER BY t.id DESC",
			append([]any{actor.PersonID, year}, args...)...)
	})
}

func programInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Program, error) {
	vis, args := programVisible(actor)
	p, err := scanProgram(tx.QueryRow(ctx, programSelect+" WHERE t.id = ? AND "+vis, append([]any{actor.PersonID, id}, args...)...))
	if db.IsNoRows(err) {
		return p, app.Errorf(app.ENOTFOUND, "找不到该培训项目")
	}
	return p, err
}

// FindProgramByID returns one program the actor may see.
func (s *Service) FindProgramByID(ctx context.Context, actor app.Actor, id int64) (Program, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return Program{}, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Program, error) { return programInScope(ctx, tx, actor, id) })
}

// SignUp enrols the actor in an open program not yet completed.
func (s *Service) SignUp(ctx context.Context, actor app.Actor, id int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.SignUpTx(ctx, tx, actor, id) })
}

// SignUpTx is SignUp inside the caller's transaction tx, for signing many
// teachers up at once (the demo): the same checks, row and audit entry.
func (s *Service) SignUpTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) error {
	if actor.PersonID == 0 {
		return app.Errorf(app.EFORBIDDEN, "您的账号未关联教师，不能报名")
	}
	p, err := programInScope(ctx, tx, actor, id)
	switch {
	case err != nil:
		return err
	case !p.Open:
		return app.Invalid("program", "该项目由学校或县区指派，不接受个人报名")
	case p.Completed():
		return app.Invalid("program", "该项目已结业")
	case p.MyState != "":
		return app.Invalid("program", "您已报名该项目")
	}
	if _, err := tx.Exec(ctx, "INSERT INTO training_enrolments (program_id, person_id, created_at) VALUES (?, ?, ?)", id,
		actor.PersonID, s.now().UnixMilli()); err != nil {
		return err
	}
	return audit.RecordChange(ctx, tx, actor, "program.signup", "program", id, "报名培训项目："+p.Title, nil, nil)
}

// CompleteProgram closes a program of the manager's scope: every enrolled
// attendee's hours reach the ledger as an approved entry (source program),
// in one transaction with the status change.
func (s *Service) CompleteProgram(ctx context.Context, actor app.Actor, id int64, version int) (int, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return 0, err
	}
	var n int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := programInScope(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if _, err := regionInScope(ctx, tx, actor, p.RegionCode); err != nil { // a county does not close the city's programs
			return app.Errorf(app.ENOTFOUND, "找不到该培训项目")
		}
		if p.Completed() {
			return app.Invalid("status", "该项目已结业")
		}
		res, err := tx.Exec(ctx, "UPDATE training_programs SET status = 'completed', version = version + 1 WHERE id = ? AND version = ?",
			id, version)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil || k == 0 {
			return app.Errorf(app.ECONFLICT, "该项目已被他人修改，请刷新后重试")
		}
		att, sessions, err := attendance(ctx, tx, id)
		if err != nil {
			return err
		}
		day := s.now().In(chinaTime).Format("2006-01-02")
		es := make([]credit.Entry, 0, len(att))
		for _, a := range att {
			h := creditedHours(p.Hours, sessions, a.sessions)
			if h <= 0 {
				continue
			}
			es = append(es, credit.Entry{PersonID: a.person, SchoolYear: p.SchoolYear, Date: day, Category: credit.CategoryCentralized,
				Title: p.Title, Hours: h, Source: SourceProgram, SourceID: id, State: credit.StateApproved,
				CreatedBy: actor.Username, CreatedAt: s.now().UnixMilli()})
		}
		if err := credit.AddMany(ctx, tx, es); err != nil {
			return err
		}
		n = len(es)
		return audit.RecordChange(ctx, tx, actor, "program.complete", "program", id, fmt.Sprintf("培训项目结业：%s，%d 人计入学时", p.Title, n),
			audit.Snapshot{"状态": "计划中"}, audit.Snapshot{"状态": "已结业", "人数": fmt.Sprint(n)})
	})
	return n, err
}

// TrainerPersonTimes counts the 人次 of completed 研训人员能力提升 programs
// of the actor's region in 学年 year, against the rule (≥ 100 人次).
func (s *Service) TrainerPersonTimes(ctx context.Context, actor app.Actor, year int) (string, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return "", err
	}
	var region string
	var n int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if region, err = actorRegion(ctx, tx, actor); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM training_enrolments e JOIN training_programs t ON t.id = e.program_id
			JOIN regions g ON g.code = t.region_code WHERE e.state = 'approved' AND t.kind = 'trainer' AND t.status = 'completed' AND t.school_year = ?
			AND g.path LIKE (SELECT path FROM regions WHERE code = ?) || '%'`, year, region).Scan(&n)
	})
	if err != nil {
		return "", err
	}
	r, err := s.Policy.Check(ctx, region, policyTrainerRule, year, float64(n))
	return r.Text, err
}

type attendee struct {
	person   int64
	sessions int
}

// attendance is each enrolled person's count of sessions attended, and
// the program's number of sessions.
func attendance(ctx context.Context, tx *db.Tx, id int64) ([]attendee, int, error) {
	var sessions int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_sessions WHERE program_id = ?", id).Scan(&sessions); err != nil {
		return nil, 0, err
	}
	rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (attendee, error) {
		var a attendee
		return a, r.Scan(&a.person, &a.sessions)
	}, `SELECT e.person_id, (SELECT COUNT(*) FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
		WHERE s.program_id = e.program_id AND a.person_id = e.person_id) FROM training_enrolments e
		WHERE e.program_id = ? AND e.attended = TRUE AND e.state = 'approved' ORDER BY e.person_id`, id)
	return rows, sessions, err
}
