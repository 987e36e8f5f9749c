package quality

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Group is one stored group record (a region, county, school or class for
// one subject or the total): the engine's JSON record, decoded. A nil
// pointer is the engine's null (no students sat, or not defined).
type Group struct {
	SchoolID       int64               `json:"-"`
	Raw            json.RawMessage     `json:"-"` // the engine's record as stored
	Level          string              `json:"level"`
	County         string              `json:"county"`
	School         string              `json:"school"`
	Class          string              `json:"class"`
	Subject        string              `json:"subject"`
	N              int                 `json:"n"`
	Absent         int                 `json:"absent"`
	Mean           *float64            `json:"mean"`
	SD             *float64            `json:"sd"`
	Min            *float64            `json:"min"`
	Max            *float64            `json:"max"`
	Median         *float64            `json:"median"`
	Q1             *float64            `json:"q1"`
	Q3             *float64            `json:"q3"`
	PassRate       *float64            `json:"pass_rate"`
	GoodRate       *float64            `json:"good_rate"`
	ExcellentRate  *float64            `json:"excellent_rate"`
	LowRate        *float64            `json:"low_rate"`
	OverMeanRate   *float64            `json:"over_mean_rate"`
	TScore         *float64            `json:"t_score"`
	Bands          []int               `json:"bands"`
	CriticalPass   int                 `json:"critical_pass"`
	CriticalGood   int                 `json:"critical_good"`
	CriticalExc    int                 `json:"critical_excellent"`
	ItemRates      []*float64          `json:"item_rates"`
	KnowledgeRates map[string]*float64 `json:"knowledge_rates"`
	AbilityRates   map[string]*float64 `json:"ability_rates"`
}

// Report is the head of a stored analysis.
type Report struct {
	ID        int64
	ExamID    int64
	Students  int
	Subjects  []string // in score order, the total (总分) last
	Missing   []string // paper subjects without scores, not analysed
	Meta      json.RawMessage
	Notes     []string // rules not set, so their warnings were not raised (本区域未设定规则：…)
	CreatedAt int64
}

// Analysis levels of the stored group records.
const (
	GroupRegion = "region"
	GroupCounty = "county"
	GroupSchool = "school"
	GroupClass  = "class"
)

// visible reports whether a group record at scope path (school id sid) may
// be shown to actor: region figures to whoever sees the exam; a county's to
// users inside or above it; a school's or class's to users above it only.
func visible(actor app.Actor, level, path string, sid int64) bool {
	switch level {
	case GroupRegion:
		return true
	case GroupCounty:
		if auth.InScope(actor, path, 0, 0) {
			return true
		}
		for _, p := range actor.Scope.Prefixes {
			if strings.HasPrefix(p, path) {
				return true
			}
		}
		return strings.HasPrefix(actor.OrgPath, path)
	}
	return auth.InScope(actor, path, sid, 0)
}

// currentReport loads the exam (which the actor must see) and its current
// report, or the earlier one ctx asks for (WithReport).
func currentReport(ctx context.Context, tx *db.Tx, actor app.Actor, examID int64) (Exam, Report, error) {
	e, _, err := seeExam(ctx, tx, actor, examID)
	if err != nil {
		return e, Report{}, err
	}
	rid := reportOf(ctx, e.ReportID)
	if rid == 0 {
		return e, Report{}, app.Errorf(app.ENOTFOUND, "该考试还没有分析报告")
	}
	var rp Report
	var subjects, missing, meta, notes string
	err = tx.QueryRow(ctx, "SELECT id, exam_id, students, subjects, missing, meta, notes, created_at FROM quality_reports WHERE id = ? AND exam_id = ?", rid, examID).
		Scan(&rp.ID, &rp.ExamID, &rp.Students, &subjects, &missing, &meta, &notes, &rp.CreatedAt)
	if db.IsNoRows(err) {
		return e, Report{}, app.Errorf(app.ENOTFOUND, "找不到该次分析报告")
	}
	if notes != "" {
		rp.Notes = strings.Split(notes, "；")
	}
	rp.Subjects, rp.Meta = splitList(subjects), json.RawMessage(meta)
	rp.Missing = splitList(missing)
	return e, rp, err
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}

// FindReport returns the exam's current report head.
func (s *Service) FindReport(ctx context.Context, actor app.Actor, examID int64) (Exam, Report, error) {
	var e Exam
	var rp Report
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if _, rp, err = currentReport(ctx, tx, actor, examID); err != nil {
			return err
		}
		e, _, err = loadExam(ctx, tx, actor, examID)
		return err
	})
	return e, rp, err
}

// FindGroups returns the stored group records of the exam's current report
// at level for subject ("" = every subject and the total) that the actor may
// see, in the engine's order. A school's users get only their own school
// and classes; other schools' records are never read out.
func (s *Service) FindGroups(ctx context.Context, actor app.Actor, examID int64, level, subject string) ([]Group, error) {
	return s.findGroups(ctx, actor, examID, level, subject, nil)
}

// FindGroupsOf is FindGroups of the schools only (at school or class level):
// the level above a page of classes.
func (s *Service) FindGroupsOf(ctx context.Context, actor app.Actor, examID int64, level, subject string, schools []int64) ([]Group, error) {
	if len(schools) == 0 {
		return nil, nil
	}
	return s.findGroups(ctx, actor, examID, level, subject, schools)
}

func (s *Service) findGroups(ctx context.Context, actor app.Actor, examID int64, level, subject string, only []int64) ([]Group, error) {
	var out []Group
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		q := "SELECT scope_path, COALESCE(school_id, 0), figures FROM quality_report_groups WHERE report_id = ? AND level = ?"
		args := []any{rp.ID, level}
		if subject != "" {
			q += " AND subject = ?"
			args = append(args, subject)
		}
		if level == GroupSchool || level == GroupClass {
			// the scope in SQL, on the index: other schools' figures are not read
			where, sargs := auth.ScopeWhere(actor, "scope_path", "school_id", "")
			q, args = q+" AND "+where, append(args, sargs...)
		}
		if len(only) > 0 {
			q += " AND school_id IN (" + db.In(len(only)) + ")"
			for _, id := range only {
				args = append(args, id)
			}
		}
		rows, err := tx.Query(ctx, q+" ORDER BY seq", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var path, fig string
			var sid int64
			if err := rows.Scan(&path, &sid, &fig); err != nil {
				return err
			}
			if !visible(actor, level, path, sid) {
				continue
			}
			g := Group{SchoolID: sid, Raw: json.RawMessage(fig)}
			if err := json.Unmarshal([]byte(fig), &g); err != nil {
				return err
			}
			out = append(out, g)
		}
		return rows.Err()
	})
	return out, err
}

// Item is one stored item record (region level).
type Item struct {
	Raw            json.RawMessage `json:"-"`
	Subject        string          `json:"subject"`
	Item           string          `json:"item"`
	Kind           string          `json:"kind"`
	FullMarks      float64         `json:"full_marks"`
	N              int             `json:"n"`
	Mean           *float64        `json:"mean"`
	SD             *float64        `json:"sd"`
	Difficulty     *float64        `json:"difficulty"`
	Discrimination *float64        `json:"discrimination"`
	PointBiserial  *float64        `json:"point_biserial"`
	CorrectedR     *float64        `json:"corrected_r"`
	BlankRate      *float64        `json:"blank_rate"`
	Knowledge      []string        `json:"knowledge_points"`
	Ability        string          `json:"ability"`
	Key            string          `json:"key"`
	Options        string          `json:"options"`
	OptionRates    []*float64      `json:"option_rates"`
}

// FindItems returns the item records of subject in the current report
// (aggregates over every student: shown to whoever sees the exam).
func (s *Service) FindItems(ctx context.Context, actor app.Actor, examID int64, subject string) ([]Item, error) {
	var out []Item
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		figs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var f string
			return f, r.Scan(&f)
		}, "SELECT figures FROM quality_report_records WHERE report_id = ? AND section = 'items' AND subject = ? ORDER BY seq", rp.ID, subject)
		for _, f := range figs {
			it := Item{Raw: json.RawMessage(f)}
			if err := json.Unmarshal([]byte(f), &it); err != nil {
				return err
			}
			out = append(out, it)
		}
		return err
	})
	return out, err
}

// ValueAdded is one stored value-added record of a school or class.
type ValueAdded struct {
	SchoolID     int64    `json:"-"`
	Level        string   `json:"level"`
	County       string   `json:"county"`
	School       string   `json:"school"`
	Class        string   `json:"class"`
	Subject      string   `json:"subject"`
	N            int      `json:"n"`
	Suppressed   bool     `json:"suppressed"`
	ResidualMean *float64 `json:"residual_mean"`
	CILow        *float64 `json:"ci_low"`
	CIHigh       *float64 `json:"ci_high"`
	Shrunken     *float64 `json:"shrunken"`
}

// FindValueAdded returns the value-added records of the schools and classes
// the actor may see (those above the suppression threshold carry figures),
// of one subject or, with subject "", of every subject.
func (s *Service) FindValueAdded(ctx context.Context, actor app.Actor, examID int64, subject string) ([]ValueAdded, error) {
	var out []ValueAdded
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		q, args := `SELECT COALESCE(r.school_id, 0), COALESCE(o.path, ''), r.figures FROM quality_report_records r
			LEFT JOIN orgs o ON o.id = r.school_id WHERE r.report_id = ? AND r.section = 'value_added'`, []any{rp.ID}
		if subject != "" {
			q, args = q+" AND r.subject = ?", append(args, subject)
		}
		rows, err := tx.Query(ctx, q+" ORDER BY r.seq", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sid int64
			var path, fig string
			if err := rows.Scan(&sid, &path, &fig); err != nil {
				return err
			}
			if !auth.InScope(actor, path, sid, 0) {
				continue
			}
			va := ValueAdded{SchoolID: sid}
			if err := json.Unmarshal([]byte(fig), &va); err != nil {
				return err
			}
			out = append(out, va)
		}
		return rows.Err()
	})
	return out, err
}

// StudentScores is a student's scores without any standing: no rank, no
// percentile, no z or T (未成年人学校保护规定).
type StudentScores struct {
	StudentID string
	School    string
	Class     string
	Scores    []*float64 // per Report.Subjects
}

// FindSchoolStudents returns the scores of the students of one school the
// actor may see (a school sees its own students and nobody else's), by class
// and id. Ranks are never part of it.
func (s *Service) FindSchoolStudents(ctx context.Context, actor app.Actor, examID, schoolID int64) ([]StudentScores, error) {
	var out []StudentScores
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		var path string
		if err := tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", schoolID).Scan(&path); err != nil || !auth.InScope(actor, path, schoolID, 0) {
			return app.Errorf(app.ENOTFOUND, "找不到该学校，或您无权查看")
		}
		figs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var f string
			return f, r.Scan(&f)
		}, "SELECT figures FROM quality_report_students WHERE report_id = ? AND school_id = ? ORDER BY student_id", rp.ID, schoolID)
		for _, f := range figs {
			var rec struct {
				ID     string     `json:"student_id"`
				School string     `json:"school"`
				Class  string     `json:"class"`
				Score  []*float64 `json:"score"`
			}
			if err := json.Unmarshal([]byte(f), &rec); err != nil {
				return err
			}
			out = append(out, StudentScores{StudentID: rec.ID, School: rec.School, Class: rec.Class, Scores: rec.Score})
		}
		return err
	})
	return out, err
}

// StudentRecord is a student's full record with ranks, for bureau use only.
type StudentRecord struct {
	StudentScores
	County     string
	RankRegion []*int // per subject
	RankCounty []*int
	RankSchool []*int
	RankClass  []*int
	PR         []*float64
	Raw        json.RawMessage
}

// FindRegionStudents returns full student records with ranks, at most limit
// from offset in id order, of the students in the actor's scope. It needs
// PermStudents, which no built-in role holds, and every call leaves an audit
// row naming the exam and how many records were opened.
func (s *Service) FindRegionStudents(ctx context.Context, actor app.Actor, examID int64, offset, limit int) ([]StudentRecord, int, error) {
	if err := actor.Require(PermStudents); err != nil {
		return nil, 0, err
	}
	var out []StudentRecord
	var total int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		e, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		where, args := auth.ScopeWhere(actor, "scope_path", "school_id", "")
		args = append([]any{rp.ID}, args...)
		figs, n, err := db.QueryPage(ctx, tx, func(r db.Scanner) (string, error) {
			var f string
			return f, r.Scan(&f)
		}, "SELECT COUNT(*) FROM quality_report_students WHERE report_id = ? AND "+where,
			"SELECT figures FROM quality_report_students WHERE report_id = ? AND "+where+" ORDER BY student_id", args, limit, offset)
		if err != nil {
			return err
		}
		total = n
		for _, f := range figs {
			rec, err := decodeStudent(f)
			if err != nil {
				return err
			}
			out = append(out, rec)
		}
		return audit.RecordChange(ctx, tx, actor, "exam.students_view", "exam_report", rp.ID,
			"查看学生成绩与排名："+e.Name+"（"+strconv.Itoa(len(out))+"人）", nil, nil)
	})
	return out, total, err
}

func decodeStudent(f string) (StudentRecord, error) {
	var rec struct {
		ID     string     `json:"student_id"`
		County string     `json:"county"`
		School string     `json:"school"`
		Class  string     `json:"class"`
		Score  []*float64 `json:"score"`
		RR     []*int     `json:"rank_region"`
		RC     []*int     `json:"rank_county"`
		RS     []*int     `json:"rank_school"`
		RK     []*int     `json:"rank_class"`
		PR     []*float64 `json:"pr"`
	}
	err := json.Unmarshal([]byte(f), &rec)
	return StudentRecord{StudentScores: StudentScores{StudentID: rec.ID, School: rec.School, Class: rec.Class, Scores: rec.Score},
		County: rec.County, RankRegion: rec.RR, RankCounty: rec.RC, RankSchool: rec.RS, RankClass: rec.RK, PR: rec.PR, Raw: json.RawMessage(f)}, err
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// FindPreviousT returns the 标准分 of the schools the actor may see in the
// latest earlier analysed exam of the same organiser and kind, by "school
// id/subject" (of subject only, or all with ""), and that exam's name (""
// when there is none): the page's 进步/退步 by school.
func (s *Service) FindPreviousT(ctx context.Context, actor app.Actor, examID int64, subject string) (map[string]float64, string, error) {
	var out map[string]float64
	var name string
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		e, organiser, err := seeExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		all, err := previousTScores(ctx, tx, e, subject)
		if err != nil || len(all) == 0 {
			return err
		}
		var acc examAccess
		if !organiser { // only then the schools in scope decide
			if _, acc, err = loadExam(ctx, tx, actor, examID); err != nil {
				return err
			}
		}
		out = map[string]float64{}
		for k, v := range all {
			sid, _ := strconv.ParseInt(strings.SplitN(k, "/", 2)[0], 10, 64)
			if _, ok := acc.Schools[sid]; ok || organiser {
				out[k] = v
			}
		}
		return tx.QueryRow(ctx, `SELECT name FROM quality_exams WHERE org_id = ? AND kind = ? AND report_id IS NOT NULL AND id <> ?
			AND (school_year < ? OR school_year = ? AND half < ?) ORDER BY school_year DESC, half DESC, id DESC LIMIT 1`,
			e.OrgID, e.Kind, e.ID, e.Term.Year, e.Term.Year, int(e.Term.Half)).Scan(&name)
	})
	return out, name, err
}

// FindReportSchools returns the schools of the current report the actor may
// see, in the engine's order, with only SchoolID and School set: the
// students page's choice of school, without reading the figures.
func (s *Service) FindReportSchools(ctx context.Context, actor app.Actor, examID int64) ([]Group, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Group, error) {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil || len(rp.Subjects) == 0 {
			return nil, err
		}
		where, args := auth.ScopeWhere(actor, "g.scope_path", "g.school_id", "")
		list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (school, error) {
			var sc school
			return sc, r.Scan(&sc.ID, &sc.Name, &sc.County, &sc.Code)
		}, `SELECT g.school_id, o.name, k.name, COALESCE(o.school_code, '') FROM quality_report_groups g JOIN orgs o ON o.id = g.school_id
			JOIN regions k ON k.code = o.region_code
			WHERE g.report_id = ? AND g.level = 'school' AND g.subject = ? AND `+where+` ORDER BY g.seq`,
			append([]any{rp.ID, rp.Subjects[len(rp.Subjects)-1]}, args...)...)
		labels := schoolLabels(list) // two schools of one name keep their codes, as in the report
		var out []Group
		for _, sc := range list {
			out = append(out, Group{Level: GroupSchool, SchoolID: sc.ID, School: labels[sc.ID], County: sc.County})
		}
		return out, err
	})
}

// FindGroupsPage is FindGroups for the school or class level, one page at a
// time (limit from offset, in the engine's order), with the total the actor
// may see: the scope is applied in SQL, so a page reads only its own rows.
func (s *Service) FindGroupsPage(ctx context.Context, actor app.Actor, examID int64, level, subject string, offset, limit int) ([]Group, int, error) {
	if level != GroupSchool && level != GroupClass {
		return nil, 0, app.Invalid("level", "只有学校和班级层级分页")
	}
	var out []Group
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		where, args := auth.ScopeWhere(actor, "scope_path", "school_id", "")
		args = append([]any{rp.ID, level, subject}, args...)
		recs, n, err := db.QueryPage(ctx, tx, func(r db.Scanner) (Group, error) {
			var g Group
			var fig string
			if err := r.Scan(&g.SchoolID, &fig); err != nil {
				return g, err
			}
			g.Raw = json.RawMessage(fig)
			return g, json.Unmarshal([]byte(fig), &g)
		}, "SELECT COUNT(*) FROM quality_report_groups WHERE report_id = ? AND level = ? AND subject = ? AND "+where,
			"SELECT COALESCE(school_id, 0), figures FROM quality_report_groups WHERE report_id = ? AND level = ? AND subject = ? AND "+where+" ORDER BY seq",
			args, limit, offset)
		out, total = recs, n
		return err
	})
	return out, total, err
}
