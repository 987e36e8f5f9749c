package training

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/checkin"
	"jiaoyan/internal/db"
)

// SessionKind is the check-in kind of a program session.
const SessionKind = "program_session"

// checkInEarly is how long before a session its code already opens.
const checkInEarly = 30 * time.Minute

// Session is one session (场次) of a program, with who checked in.
type Session struct {
	ID        int64
	ProgramID int64
	Title     string
	Starts    time.Time
	Ends      time.Time
	Attended  int
	Code      string // the check-in code, for the program's managers
}

// When reads "2025-10-08 14:00 至 16:00".
func (s Session) When() string {
	return s.Starts.In(chinaTime).Format("2006-01-02 15:04") + " 至 " + s.Ends.In(chinaTime).Format("15:04")
}

// AddSession adds a session to a program of the manager's scope.
func (s *Service) AddSession(ctx context.Context, actor app.Actor, programID int64, title string, starts, ends time.Time) (int64, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return 0, err
	}
	title = strings.TrimSpace(title)
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := s.managedProgram(ctx, tx, actor, programID)
		switch {
		case err != nil:
			return err
		case title == "":
			return app.Invalid("title", "请填写场次名称")
		case starts.IsZero() || !ends.After(starts):
			return app.Invalid("ends", "请填写开始和结束时间，结束须晚于开始")
		case p.Completed():
			return app.Invalid("program", "该项目已结业")
		}
		id, err = tx.InsertID(ctx, `INSERT INTO training_sessions (program_id, title, starts_at, ends_at, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, programID, title, starts.Unix(), ends.Unix(), s.now().UnixMilli())
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "program.session", "program", programID, "新增培训场次："+p.Title+" "+title, nil,
			audit.Snapshot{"场次": title, "时间": Session{Starts: starts, Ends: ends}.When()})
	})
	return id, err
}

// managedProgram is a program whose region lies in the actor's scope.
func (s *Service) managedProgram(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Program, error) {
	p, err := programInScope(ctx, tx, actor, id)
	if err != nil {
		return p, err
	}
	if _, err := regionInScope(ctx, tx, actor, p.RegionCode); err != nil {
		return p, app.Errorf(app.ENOTFOUND, "找不到该培训项目")
	}
	return p, nil
}

// FindSessions lists a program's sessions; managers get the check-in codes.
func (s *Service) FindSessions(ctx context.Context, actor app.Actor, programID int64) ([]Session, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Session, error) {
		if _, err := programInScope(ctx, tx, actor, programID); err != nil {
			return nil, err
		}
		_, merr := s.managedProgram(ctx, tx, actor, programID)
		manager := merr == nil && actor.Can(PermProgramManage)
		return db.QueryAll(ctx, tx, func(r db.Scanner) (Session, error) {
			var x Session
			var st, en int64
			err := r.Scan(&x.ID, &x.ProgramID, &x.Title, &st, &en, &x.Attended)
			x.Starts, x.Ends = time.Unix(st, 0), time.Unix(en, 0)
			if manager && s.Org != nil && s.Org.Keys != nil {
				x.Code = checkin.Code(s.Org.Keys, SessionKind, x.ID, x.Starts.Add(-checkInEarly), x.Ends)
			}
			return x, err
		}, `SELECT s.id, s.program_id, s.title, s.starts_at, s.ends_at, (SELECT COUNT(*) FROM training_attendance a
			WHERE a.session_id = s.id) FROM training_sessions s WHERE s.program_id = ? ORDER BY s.starts_at, s.id`, programID)
	})
}

// CheckIn records the actor's attendance at the session a signed code
// names, within its window; the actor must have signed up for the program.
// Returns the session.
func (s *Service) CheckIn(ctx context.Context, actor app.Actor, code string) (Session, error) {
	var x Session
	if actor.PersonID == 0 {
		return x, app.Errorf(app.EFORBIDDEN, "您的账号未关联教师，不能签到")
	}
	id := codeSession(code)
	if err := checkin.Check(s.Org.Keys, code, SessionKind, id, s.now()); err != nil {
		return x, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var st, en int64
		err := tx.QueryRow(ctx, "SELECT id, program_id, title, starts_at, ends_at FROM training_sessions WHERE id = ?", id).Scan(
			&x.ID, &x.ProgramID, &x.Title, &st, &en)
		if db.IsNoRows(err) {
			return app.Invalid("code", "签到码无效，请扫描现场展示的二维码")
		} else if err != nil {
			return err
		}
		x.Starts, x.Ends = time.Unix(st, 0), time.Unix(en, 0)
		p, err := programInScope(ctx, tx, actor, x.ProgramID)
		switch {
		case err != nil:
			return err
		case !p.Mine:
			return app.Invalid("code", "您未报名「%s」，请先报名", p.Title)
		}
		_, err = tx.Exec(ctx, `INSERT INTO training_attendance (session_id, person_id, checked_at) VALUES (?, ?, ?)
			ON CONFLICT (session_id, person_id) DO NOTHING`, id, actor.PersonID, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "program.checkin", "program", x.ProgramID, "培训签到："+p.Title+" "+x.Title, nil, nil)
	})
	return x, err
}

// codeSession reads the session id a code claims (Check verifies it).
func codeSession(code string) int64 {
	f := strings.Split(code, ".")
	if len(f) != 5 {
		return 0
	}
	id, _ := strconv.ParseInt(f[1], 10, 64)
	return id
}

// creditedHours are the hours of a program a person earns: all of them
// when it has no sessions, else in proportion to the sessions attended,
// to the half hour.
func creditedHours(hours float64, sessions, attended int) float64 {
	if sessions == 0 {
		return hours
	}
	return math.Round(hours*float64(attended)/float64(sessions)*2) / 2
}
