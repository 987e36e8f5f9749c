package quality

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
)

// CreateExam records a new exam organised by e.OrgID (in the actor's scope)
// for the given participating schools (each in the actor's scope).
func (s *Service) CreateExam(ctx context.Context, actor app.Actor, e Exam) (int64, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	if err := e.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		e.OrgPath, e.OrgName, e.RegionCode, err = organiser(ctx, tx, actor, e.OrgID, e.Level)
		if err != nil {
			return err
		}
		if e.Level == LevelSchool {
			e.SchoolIDs = []int64{e.OrgID}
		}
		if err := checkSchools(ctx, tx, actor, e.SchoolIDs); err != nil {
			return err
		}
		if err := checkPrior(ctx, tx, actor, e); err != nil {
			return err
		}
		now := s.now().UnixMilli()
		e.ID, err = tx.InsertID(ctx, `INSERT INTO quality_exams (region_code, org_id, org_path, name, school_year, half, level, kind,
			grades, prior_exam_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			e.RegionCode, e.OrgID, e.OrgPath, strings.TrimSpace(e.Name), e.Term.Year, int(e.Term.Half), e.Level, e.Kind,
			strings.Join(e.Grades, "、"), nullID(e.PriorID), actor.Username, now, now)
		if err != nil {
			return err
		}
		for _, id := range e.SchoolIDs {
			if _, err := tx.Exec(ctx, "INSERT INTO quality_exam_schools (exam_id, school_id) VALUES (?, ?) ON CONFLICT DO NOTHING", e.ID, id); err != nil {
				return err
			}
		}
		e.Version = 1
		return record(ctx, tx, actor, "exam.create", "exam", e.ID, "新建考试："+e.Name, nil, e.snapshot())
	})
	return e.ID, err
}

// checkPrior checks that the prior exam, if any, is one the actor
// organises and is of an earlier term.
func checkPrior(ctx context.Context, tx *db.Tx, actor app.Actor, e Exam) error {
	if e.PriorID == 0 {
		return nil
	}
	p, acc, err := loadExam(ctx, tx, actor, e.PriorID)
	if err != nil || !acc.Organiser {
		return app.Invalid("prior_id", "前测考试不存在或不在您的管辖范围内")
	}
	if p.Term.Year > e.Term.Year || p.Term.Year == e.Term.Year && p.Term.Half >= e.Term.Half {
		return app.Invalid("prior_id", "前测考试应早于本次考试")
	}
	return nil
}

func checkSchools(ctx context.Context, tx *db.Tx, actor app.Actor, ids []int64) error {
	if len(ids) == 0 {
		return app.Invalid("school_ids", "请选择参加考试的学校")
	}
	for _, id := range ids {
		var path, kind string
		err := tx.QueryRow(ctx, "SELECT path, kind FROM orgs WHERE id = ?", id).Scan(&path, &kind)
		if err != nil || kind != org.KindSchool || !auth.InScope(actor, path, id, 0) {
			return app.Invalid("school_ids", "参加考试的学校中有不存在或不在您管辖范围内的学校")
		}
	}
	return nil
}

func (e Exam) snapshot() audit.Snapshot {
	return audit.Snapshot{"考试名称": e.Name, "学期": e.Term.String(), "组织层级": LevelNames[e.Level],
		"考试类型": KindNames[e.Kind], "年级": strings.Join(e.Grades, "、"), "参加学校数": strconv.Itoa(len(e.SchoolIDs)),
		audit.VersionKey: strconv.Itoa(e.Version)}
}

const examColumns = `e.id, e.org_id, o.name, e.org_path, e.region_code, e.name, e.school_year, e.half, e.level, e.kind,
	e.grades, COALESCE(e.report_id, 0), COALESCE(e.prior_exam_id, 0), e.version`

func scanExam(r db.Scanner) (Exam, error) {
	var e Exam
	var half int
	var grades string
	err := r.Scan(&e.ID, &e.OrgID, &e.OrgName, &e.OrgPath, &e.RegionCode, &e.Name, &e.Term.Year, &half, &e.Level, &e.Kind,
		&grades, &e.ReportID, &e.PriorID, &e.Version)
	e.Term.Half = dict.Half(half)
	if grades != "" {
		e.Grades = strings.Split(grades, "、")
	}
	return e, err
}

// examAccess says how an actor reaches an exam: as (or above) its organiser,
// or through participating schools in their scope.
type examAccess struct {
	Organiser bool
	Schools   map[int64]string // participating schools in the actor's scope: id -> path
}

// loadExam returns an exam the actor may see: its organiser is in scope, or
// one of its schools is. Others get ENOTFOUND.
func loadExam(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Exam, examAccess, error) {
	if !actor.Can(PermView) && !actor.Can(PermManage) {
		return Exam{}, examAccess{}, app.Errorf(app.EFORBIDDEN, "您没有查看质量监测的权限")
	}
	e, err := scanExam(tx.QueryRow(ctx, "SELECT "+examColumns+" FROM quality_exams e JOIN orgs o ON o.id = e.org_id WHERE e.id = ?", id))
	if db.IsNoRows(err) {
		return Exam{}, examAccess{}, notFound()
	}
	if err != nil {
		return Exam{}, examAccess{}, err
	}
	acc := examAccess{Organiser: auth.InScope(actor, e.OrgPath, e.OrgID, 0), Schools: map[int64]string{}}
	rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (struct {
		id   int64
		path string
	}, error) {
		var x struct {
			id   int64
			path string
		}
		return x, r.Scan(&x.id, &x.path)
	}, "SELECT o.id, o.path FROM quality_exam_schools x JOIN orgs o ON o.id = x.school_id WHERE x.exam_id = ? ORDER BY o.id", id)
	if err != nil {
		return Exam{}, examAccess{}, err
	}
	for _, r := range rows {
		e.SchoolIDs = append(e.SchoolIDs, r.id)
		if acc.Organiser || auth.InScope(actor, r.path, r.id, 0) {
			acc.Schools[r.id] = r.path
		}
	}
	if !acc.Organiser && len(acc.Schools) == 0 {
		return Exam{}, examAccess{}, notFound()
	}
	e.Subjects, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
		var s string
		return s, r.Scan(&s)
	}, "SELECT subject FROM quality_items WHERE exam_id = ? GROUP BY subject ORDER BY MIN(seq)", id)
	return e, acc, err
}

// seeExam is loadExam for the reads that need only the exam's row and
// whether the actor sees it: it reads neither the participating schools
// nor the subjects (Exam.SchoolIDs and Exam.Subjects are empty), and asks
// the database whether a school in scope sits the exam instead of loading
// every one (400 at city-100k, on every read of a report page).
func seeExam(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Exam, bool, error) {
	if !actor.Can(PermView) && !actor.Can(PermManage) {
		return Exam{}, false, app.Errorf(app.EFORBIDDEN, "您没有查看质量监测的权限")
	}
	e, err := scanExam(tx.QueryRow(ctx, "SELECT "+examColumns+" FROM quality_exams e JOIN orgs o ON o.id = e.org_id WHERE e.id = ?", id))
	if db.IsNoRows(err) {
		return Exam{}, false, notFound()
	}
	if err != nil {
		return Exam{}, false, err
	}
	if auth.InScope(actor, e.OrgPath, e.OrgID, 0) {
		return e, true, nil
	}
	where, args := auth.ScopeWhere(actor, "k.path", "k.id", "")
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM quality_exam_schools x JOIN orgs k ON k.id = x.school_id WHERE x.exam_id = ? AND "+
		where+" LIMIT 1) one", append([]any{id}, args...)...)
	if err != nil {
		return Exam{}, false, err
	}
	if n == 0 {
		return Exam{}, false, notFound()
	}
	return e, false, nil
}

// FindExamByID returns an exam the actor may see, or ENOTFOUND.
func (s *Service) FindExamByID(ctx context.Context, actor app.Actor, id int64) (Exam, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Exam, error) {
		e, _, err := loadExam(ctx, tx, actor, id)
		return e, err
	})
}

// manageExam loads an exam the actor organises (or is above) with PermManage.
func manageExam(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Exam, error) {
	if err := actor.Require(PermManage); err != nil {
		return Exam{}, err
	}
	e, acc, err := loadExam(ctx, tx, actor, id)
	if err == nil && !acc.Organiser {
		return Exam{}, app.Errorf(app.EFORBIDDEN, "只有考试的组织单位可以管理该考试")
	}
	return e, err
}

// ExamFilter selects exams for a list.
type ExamFilter struct {
	Year   int    // 学年, 0 for all
	Kind   string // "" for all
	Offset int
	Limit  int
}

// FindExams lists the exams the actor may see, newest term first: those
// organised in scope and those a school in scope sits. It returns the page
// and the total count.
func (s *Service) FindExams(ctx context.Context, actor app.Actor, f ExamFilter) ([]Exam, int, error) {
	if !actor.Can(PermView) && !actor.Can(PermManage) {
		return nil, 0, app.Errorf(app.EFORBIDDEN, "您没有查看质量监测的权限")
	}
	orgWhere, orgArgs := auth.ScopeWhere(actor, "e.org_path", "e.org_id", "")
	schWhere, schArgs := auth.ScopeWhere(actor, "k.path", "k.id", "")
	where := "(" + orgWhere + " OR EXISTS (SELECT 1 FROM quality_exam_schools x JOIN orgs k ON k.id = x.school_id WHERE x.exam_id = e.id AND " + schWhere + "))"
	args := append(orgArgs, schArgs...)
	if f.Year != 0 {
		where += " AND e.school_year = ?"
		args = append(args, f.Year)
	}
	if f.Kind != "" {
		where += " AND e.kind = ?"
		args = append(args, f.Kind)
	}
	if f.Limit <= 0 {
		f.Limit = 20
	}
	var list []Exam
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		list, total, err = db.QueryPage(ctx, tx, scanExam, "SELECT COUNT(*) FROM quality_exams e WHERE "+where,
			"SELECT "+examColumns+" FROM quality_exams e JOIN orgs o ON o.id = e.org_id WHERE "+where+
				" ORDER BY e.school_year DESC, e.half DESC, e.id DESC", args, f.Limit, f.Offset)
		return err
	})
	return list, total, err
}
