package rectify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// Service is the rectification store.
type Service struct {
	DB    *db.DB
	Store *attach.Service // 问题调研 attachments; nil keeps them in the database
	Now   app.Clock
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

var cst = time.FixedZone("CST", 8*3600)

func (s *Service) today() string { return s.now().In(cst).Format("2006-01-02") }

func notFound() error { return app.Errorf(app.ENOTFOUND, "找不到该整改，或您无权查看") }

// OpenTx opens the loop of a finding inside the owning module's transaction
// (the module has checked the finding is the actor's to act on): state 待二次
// 解读, a 待办 for the school's leaders due on the loop's due date. A finding
// that already has a loop returns that loop's id.
func OpenTx(ctx context.Context, tx *db.Tx, actor app.Actor, in OpenInput, now time.Time) (int64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRow(ctx, "SELECT id FROM rectify_loops WHERE owner_kind = ? AND owner_id = ?", in.OwnerKind, in.OwnerID).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !db.IsNoRows(err) {
		return 0, err
	}
	var path string
	if err := tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", in.OrgID).Scan(&path); err != nil {
		return 0, app.Invalid("org_id", "整改单位不存在")
	}
	ms := now.UnixMilli()
	id, err = tx.InsertID(ctx, `INSERT INTO rectify_loops (owner_kind, owner_id, org_id, org_path, title, status, due_date, created_by,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		in.OwnerKind, in.OwnerID, in.OrgID, path, strings.TrimSpace(in.Title), StatusInterpret, in.Due, actor.Username, ms, ms)
	if err != nil {
		return 0, err
	}
	l := Loop{ID: id, OrgID: in.OrgID, Title: in.Title, Status: StatusInterpret, Due: in.Due}
	if err := schoolTodo(ctx, tx, l); err != nil {
		return 0, err
	}
	return id, audit.RecordChange(ctx, tx, actor, "rectify.open", "rectify", id, "发起整改："+in.Title, nil,
		audit.Snapshot{"整改事项": in.Title, "整改期限": in.Due, "状态": StatusNames[StatusInterpret]})
}

const loopColumns = `l.id, l.owner_kind, l.owner_id, l.org_id, o.name, l.org_path, l.title, l.status, l.due_date, l.interpretation,
	l.investigation, l.review_note, l.reviewed_by, l.reviewed_at, l.created_at, l.version`

func scanLoop(r db.Scanner) (Loop, error) {
	var l Loop
	err := r.Scan(&l.ID, &l.OwnerKind, &l.OwnerID, &l.OrgID, &l.OrgName, &l.OrgPath, &l.Title, &l.Status, &l.Due, &l.Interpretation,
		&l.Investigation, &l.ReviewNote, &l.ReviewedBy, &l.ReviewedAt, &l.CreatedAt, &l.Version)
	return l, err
}

// loadLoop returns a loop in the actor's scope with its measures.
func loadLoop(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Loop, error) {
	if !actor.Can(PermView) && !actor.Can(PermEdit) && !actor.Can(PermReview) {
		return Loop{}, app.Errorf(app.EFORBIDDEN, "您没有查看整改的权限")
	}
	l, err := scanLoop(tx.QueryRow(ctx, "SELECT "+loopColumns+" FROM rectify_loops l JOIN orgs o ON o.id = l.org_id WHERE l.id = ?", id))
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, l.OrgPath, l.OrgID, 0) {
		return Loop{}, notFound()
	}
	if err != nil {
		return Loop{}, err
	}
	l.Measures, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Measure, error) {
		var m Measure
		return m, r.Scan(&m.ID, &m.Content, &m.Owner, &m.Due, &m.Evidence, &m.DoneAt)
	}, "SELECT id, content, owner_name, due_date, evidence, done_at FROM rectify_measures WHERE loop_id = ? ORDER BY seq", id)
	return l, err
}

// FindLoopByID returns a loop in the actor's scope, or ENOTFOUND.
func (s *Service) FindLoopByID(ctx context.Context, actor app.Actor, id int64) (Loop, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Loop, error) { return loadLoop(ctx, tx, actor, id) })
}

// FindLoopOf returns the loop of a finding in the actor's scope; ok is false
// when the finding has none.
func (s *Service) FindLoopOf(ctx context.Context, actor app.Actor, ownerKind string, ownerID int64) (Loop, bool, error) {
	var l Loop
	var ok bool
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, "SELECT id FROM rectify_loops WHERE owner_kind = ? AND owner_id = ?", ownerKind, ownerID).Scan(&id)
		if db.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		l, err = loadLoop(ctx, tx, actor, id)
		ok = err == nil
		return err
	})
	return l, ok, err
}

// Filter selects loops for a list.
type Filter struct {
	Status      string // "" for all
	OverdueOnly bool
	Offset      int
	Limit       int
}

// FindLoops lists the loops in the actor's scope, overdue first, then by
// due date: the county sees every school's loop, a school its own.
func (s *Service) FindLoops(ctx context.Context, actor app.Actor, f Filter) ([]Loop, int, error) {
	if !actor.Can(PermView) && !actor.Can(PermEdit) && !actor.Can(PermReview) {
		return nil, 0, app.Errorf(app.EFORBIDDEN, "您没有查看整改的权限")
	}
	where, args := auth.ScopeWhere(actor, "l.org_path", "l.org_id", "")
	if StatusNames[f.Status] != "" {
		where += " AND l.status = ?"
		args = append(args, f.Status)
	}
	today := s.today()
	if f.OverdueOnly {
		where += " AND l.status <> 'closed' AND l.due_date < ?"
		args = append(args, today)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var out []Loop
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, total, err = db.QueryPage(ctx, tx, scanLoop, "SELECT COUNT(*) FROM rectify_loops l WHERE "+where,
			"SELECT "+loopColumns+" FROM rectify_loops l JOIN orgs o ON o.id = l.org_id WHERE "+where+
				" ORDER BY CASE WHEN l.status <> 'closed' AND l.due_date < '"+today+"' THEN 0 WHEN l.status <> 'closed' THEN 1 ELSE 2 END, l.due_date, l.id",
			args, f.Limit, f.Offset)
		return err
	})
	return out, total, err
}

func (l Loop) snapshot() audit.Snapshot {
	return audit.Snapshot{"整改事项": l.Title, "状态": StatusNames[l.Status], "整改期限": l.Due, audit.VersionKey: strconv.Itoa(l.Version)}
}

// step runs one change of a loop: the loop must be in scope, in state from,
// at version; the actor needs perm. change writes the step; the loop then
// moves to state to (from again to stay), and its 待办 follow.
func (s *Service) step(ctx context.Context, actor app.Actor, id int64, version int, perm app.Perm, from []string, to, action, what string,
	change func(tx *db.Tx, l *Loop) error) error {
	if err := actor.Require(perm); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		l, err := loadLoop(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !contains(from, l.Status) {
			return app.Errorf(app.ECONFLICT, "整改现在处于“%s”，不能%s", l.StatusName(), what)
		}
		before := l.snapshot()
		if err := change(tx, &l); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE rectify_loops SET status = ?, interpretation = ?, investigation = ?, review_note = ?, reviewed_by = ?,
			reviewed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			to, l.Interpretation, l.Investigation, l.ReviewNote, l.ReviewedBy, l.ReviewedAt, s.now().UnixMilli(), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return audit.Stale(ctx, tx, "rectify", id, version)
		}
		l.Status, l.Version = to, version+1
		if err := followTodos(ctx, tx, l); err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, action, "rectify", id, what+"："+l.Title, before, l.snapshot())
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Interpret records the school's 二次解读 and moves on to 问题调研.
func (s *Service) Interpret(ctx context.Context, actor app.Actor, id int64, version int, text string) error {
	return s.step(ctx, actor, id, version, PermEdit, []string{StatusInterpret, StatusInvestigate}, StatusInvestigate,
		"rectify.interpret", "填写二次解读", func(tx *db.Tx, l *Loop) error {
			if strings.TrimSpace(text) == "" {
				return app.Invalid("interpretation", "二次解读不能为空")
			}
			l.Interpretation = strings.TrimSpace(text)
			return nil
		})
}

// Investigate records 问题调研 and moves on to 整改方案.
func (s *Service) Investigate(ctx context.Context, actor app.Actor, id int64, version int, text string) error {
	return s.step(ctx, actor, id, version, PermEdit, []string{StatusInvestigate, StatusPlan}, StatusPlan,
		"rectify.investigate", "填写问题调研", func(tx *db.Tx, l *Loop) error {
			if strings.TrimSpace(text) == "" {
				return app.Invalid("investigation", "问题调研不能为空")
			}
			l.Investigation = strings.TrimSpace(text)
			return nil
		})
}

// Plan sets the 整改方案 (at least one measure, each with owner and due
// date, none after the loop's due date) and moves on to 整改落实.
func (s *Service) Plan(ctx context.Context, actor app.Actor, id int64, version int, ms []Measure) error {
	return s.step(ctx, actor, id, version, PermEdit, []string{StatusPlan}, StatusImplement, "rectify.plan", "制定整改方案",
		func(tx *db.Tx, l *Loop) error {
			if len(ms) == 0 {
				return app.Invalid("measures", "整改方案至少要有一项措施")
			}
			for _, m := range ms {
				if err := m.Validate(); err != nil {
					return err
				}
			}
			for i, m := range ms {
				if m.Due > l.Due {
					return app.Invalid("measures", "措施“%s”的完成日期晚于整改期限 %s", m.Content, l.Due)
				}
				if _, err := tx.Exec(ctx, "INSERT INTO rectify_measures (loop_id, seq, content, owner_name, due_date) VALUES (?, ?, ?, ?, ?)",
					id, i, strings.TrimSpace(m.Content), strings.TrimSpace(m.Owner), m.Due); err != nil {
					return err
				}
			}
			return nil
		})
}

// Evidence records the 整改落实 of one measure; the loop stays in 整改落实.
func (s *Service) Evidence(ctx context.Context, actor app.Actor, id int64, version int, measureID int64, text string) error {
	return s.step(ctx, actor, id, version, PermEdit, []string{StatusImplement}, StatusImplement, "rectify.evidence", "填写整改落实",
		func(tx *db.Tx, l *Loop) error {
			if strings.TrimSpace(text) == "" {
				return app.Invalid("evidence", "整改落实情况不能为空")
			}
			res, err := tx.Exec(ctx, "UPDATE rectify_measures SET evidence = ?, done_at = ? WHERE id = ? AND loop_id = ?",
				strings.TrimSpace(text), s.now().UnixMilli(), measureID, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return app.Invalid("measure_id", "没有这项整改措施")
			}
			return nil
		})
}

// Submit sends a loop whose every measure has evidence to the county's
// 整改跟踪.
func (s *Service) Submit(ctx context.Context, actor app.Actor, id int64, version int) error {
	return s.step(ctx, actor, id, version, PermEdit, []string{StatusImplement}, StatusReview, "rectify.submit", "提交复核",
		func(tx *db.Tx, l *Loop) error {
			for _, m := range l.Measures {
				if m.DoneAt == 0 {
					return app.Invalid("measures", "措施“%s”还没有填写整改落实情况", m.Content)
				}
			}
			return nil
		})
}

// Review is the county's 整改跟踪: pass closes the loop, otherwise it goes
// back to 整改落实 with the note. A school cannot review its own loop.
func (s *Service) Review(ctx context.Context, actor app.Actor, id int64, version int, pass bool, note string) error {
	to := StatusImplement
	if pass {
		to = StatusClosed
	}
	return s.step(ctx, actor, id, version, PermReview, []string{StatusReview}, to, "rectify.review", "复核整改",
		func(tx *db.Tx, l *Loop) error {
			if actor.OrgID == l.OrgID {
				return app.Errorf(app.EFORBIDDEN, "不能复核本单位的整改")
			}
			if strings.TrimSpace(note) == "" {
				return app.Invalid("review_note", "请填写复核意见")
			}
			l.ReviewNote, l.ReviewedBy, l.ReviewedAt = strings.TrimSpace(note), actor.Username, s.now().UnixMilli()
			return nil
		})
}

// todoKey is the 待办 of a loop, one per user.
func todoKey(id int64) string { return fmt.Sprintf("rectify:%d", id) }

// followTodos puts the loop's 待办 where its state is: with the school's
// leaders while the school acts, with the county's reviewers in review,
// nowhere once closed. The due date is the loop's, or in 整改落实 the
// earliest measure without evidence.
func followTodos(ctx context.Context, tx *db.Tx, l Loop) error {
	if _, err := notify.CloseTodos(ctx, tx, todoKey(l.ID)); err != nil {
		return err
	}
	switch l.Status {
	case StatusClosed:
		return nil
	case StatusReview:
		users, err := db.QueryAll(ctx, tx, scanID, `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id
			JOIN orgs b ON b.id = p.org_id JOIN orgs s ON s.id = ?
			JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
			WHERE r.code = 'county_admin' AND b.kind = 'bureau' AND b.region_code = s.region_code AND u.active = TRUE ORDER BY u.id`, l.OrgID)
		if err != nil {
			return err
		}
		return notify.AddTodos(ctx, tx, users, notify.Todo{Key: todoKey(l.ID), Source: "整改跟踪",
			Title: "复核整改：" + l.OrgName + " " + l.Title, Link: fmt.Sprintf("/rectifications/%d", l.ID)})
	}
	return schoolTodo(ctx, tx, l)
}

func schoolTodo(ctx context.Context, tx *db.Tx, l Loop) error {
	users, err := db.QueryAll(ctx, tx, scanID, `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id
		JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
		WHERE r.code = 'school_admin' AND p.org_id = ? AND u.active = TRUE ORDER BY u.id`, l.OrgID)
	if err != nil || len(users) == 0 {
		return err
	}
	due := l.Due
	for _, m := range l.Measures {
		if l.Status == StatusImplement && m.DoneAt == 0 && m.Due < due {
			due = m.Due
		}
	}
	d, _ := time.ParseInLocation("2006-01-02", due, cst) // errcheck: due dates are validated when written
	return notify.AddTodos(ctx, tx, users, notify.Todo{Key: todoKey(l.ID), Source: "整改",
		Title: StatusNames[l.Status] + "：" + l.Title, Link: fmt.Sprintf("/rectifications/%d", l.ID), Due: d})
}

func scanID(r db.Scanner) (int64, error) {
	var id int64
	return id, r.Scan(&id)
}
