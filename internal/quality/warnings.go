package quality

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality/analysis"
)

// Warning kinds (预警类型).
const (
	WarnBelowCounty = "below_county" // 低于县区平均分
	WarnDrop        = "drop"         // 比上次考试下降
	WarnClassLow    = "class_low"    // 班级低分率偏高
	WarnItem        = "item"         // 小题区分度偏低
	WarnWeakSubject = "weak_subject" // 县区薄弱学科
)

// WarnKindNames are the Chinese names of the warning kinds.
var WarnKindNames = map[string]string{WarnBelowCounty: "低于县区平均分", WarnDrop: "比上次考试下降", WarnClassLow: "班级低分率偏高",
	WarnItem: "小题区分度偏低", WarnWeakSubject: "县区薄弱学科"}

// Warning 预警: one finding of an analysis against the region's rules.
type Warning struct {
	ID        int64
	ExamID    int64
	ExamName  string
	Kind      string
	SchoolID  int64 // 0 for a county's or an item's warning
	County    string
	School    string
	Class     string
	Subject   string
	Item      string
	Measured  float64
	Threshold float64
	Message   string
	Active    bool
	key       string
	scopePath string
}

// warnRules are the rule values in force for an exam; a rule the region has
// not set raises no warning and is named in notes.
type warnRules struct {
	belowSD, drop, classLow, itemD, weakT float64
	set                                   map[policy.RuleKey]bool
	notes                                 []string
}

func (s *Service) loadWarnRules(ctx context.Context, region string, year int) (warnRules, error) {
	w := warnRules{set: map[policy.RuleKey]bool{}}
	if s.Policy == nil {
		return w, nil
	}
	for key, dst := range map[policy.RuleKey]*float64{policy.RuleQualityBelowCountySD: &w.belowSD, policy.RuleQualityDropFromPrevious: &w.drop,
		policy.RuleQualityClassLowRate: &w.classLow, policy.RuleQualityItemDiscrimination: &w.itemD,
		policy.RuleQualityWeakSubjectT: &w.weakT} {
		v, ok, err := s.Policy.ValueFor(ctx, region, key, year)
		if err != nil {
			return w, err
		}
		if !ok {
			def, _ := policy.Def(key)
			w.notes = append(w.notes, policy.NotSetText(def))
			continue
		}
		*dst, w.set[key] = v, true
	}
	return w, nil
}

// warningsOf finds the warnings of a report. prevT holds the previous
// exam's school 标准分 by "school id/subject".
func warningsOf(e Exam, rep *analysis.Report, up unitPlaces, rules warnRules, prevT map[string]float64, setters map[string][]org.Member) []Warning {
	var out []Warning
	county := map[[2]int]*analysis.GroupStat{}
	for i := range rep.Groups {
		if g := &rep.Groups[i]; g.Level == analysis.County {
			county[[2]int{int(g.Group), g.V}] = g
		}
	}
	for i := range rep.Groups {
		g := &rep.Groups[i]
		c, sch, cls := rep.GroupNames(g.Level, g.Group)
		sid, path := up.place(rep, g.Level, g.Group)
		base := Warning{County: c, School: sch, Class: cls, Subject: rep.Names[g.V], SchoolID: sid, scopePath: path}
		switch g.Level {
		case analysis.School:
			p := county[[2]int{int(rep.Data.Schools[g.Group].Parent), g.V}]
			if rules.set[policy.RuleQualityBelowCountySD] && p != nil && p.SD > 0 && g.N > 0 {
				if d := (p.Mean - g.Mean) / p.SD; d > rules.belowSD {
					out = append(out, base.with(WarnBelowCounty, d, rules.belowSD, fmt.Sprintf("%s %s平均分 %.2f，低于%s平均分 %.2f 达 %.2f 个标准差（预警线 %g）",
						sch, base.Subject, g.Mean, c, p.Mean, d, rules.belowSD)))
				}
			}
			if prev, ok := prevT[fmt.Sprint(sid, "/", base.Subject)]; ok && rules.set[policy.RuleQualityDropFromPrevious] && !math.IsNaN(g.TScore) {
				if d := prev - g.TScore; d > rules.drop {
					out = append(out, base.with(WarnDrop, d, rules.drop, fmt.Sprintf("%s %s标准分 %.1f，比上次考试的 %.1f 下降 %.1f（预警线 %g）",
						sch, base.Subject, g.TScore, prev, d, rules.drop)))
				}
			}
		case analysis.Class:
			if rules.set[policy.RuleQualityClassLowRate] && g.N > 0 && g.LowRate*100 > rules.classLow && g.V < len(rep.Data.Subjects) {
				out = append(out, base.with(WarnClassLow, g.LowRate*100, rules.classLow, fmt.Sprintf("%s %s %s低分率 %.1f%%，超过预警线 %g%%",
					sch, cls, base.Subject, g.LowRate*100, rules.classLow)))
			}
		}
	}
	if rules.set[policy.RuleQualityWeakSubjectT] {
		out = append(out, weakSubjects(rep, up, rules.weakT)...)
	}
	if rules.set[policy.RuleQualityItemDiscrimination] {
		out = append(out, itemWarnings(e, rep, rules.itemD, setters)...)
	}
	return out
}

func (w Warning) with(kind string, measured, threshold float64, msg string) Warning {
	w.Kind, w.Measured, w.Threshold, w.Message = kind, round4(measured), threshold, msg
	w.key = strings.Join([]string{kind, fmt.Sprint(w.SchoolID), w.County, w.Class, w.Subject, w.Item}, "/")
	return w
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// weakSubjects names each county's weakest subject: the lowest 标准分 among
// its subjects, when below the region rule's maxT (the region is 50).
func weakSubjects(rep *analysis.Report, up unitPlaces, maxT float64) []Warning {
	best := map[int32]*analysis.GroupStat{}
	for i := range rep.Groups {
		g := &rep.Groups[i]
		if g.Level != analysis.County || g.V >= len(rep.Data.Subjects) || g.N == 0 || math.IsNaN(g.TScore) {
			continue
		}
		if b := best[g.Group]; b == nil || g.TScore < b.TScore {
			best[g.Group] = g
		}
	}
	var out []Warning
	for c := range rep.Data.Counties {
		g := best[int32(c)]
		if g == nil || g.TScore >= maxT {
			continue
		}
		name := rep.Data.Counties[c].Name
		w := Warning{County: name, Subject: rep.Names[g.V], scopePath: up.countyPath[c]}
		out = append(out, w.with(WarnWeakSubject, g.TScore, maxT, fmt.Sprintf("%s的薄弱学科：%s（标准分 %.1f，全区为 50，认定线 %g）", name, w.Subject, g.TScore, maxT)))
	}
	return out
}

// NoSetterNote ends an item warning whose paper has no 命题人.
const NoSetterNote = "未指定命题人，已通知考试创建人"

// itemWarnings flags the items whose discrimination is below min, for the
// paper's setters (or, without any, the exam's creator, as the warning says).
func itemWarnings(e Exam, rep *analysis.Report, min float64, setters map[string][]org.Member) []Warning {
	var out []Warning
	for s, items := range rep.Items {
		for j, st := range items {
			if math.IsNaN(st.Discrimination) || st.Discrimination >= min {
				continue
			}
			it := rep.Data.Exam.Subjects[s].Items[j]
			w := Warning{Subject: rep.Names[s], Item: it.Name, scopePath: e.OrgPath}
			to := "；" + NoSetterNote
			if ms := setters[w.Subject]; len(ms) > 0 {
				to = "，请命题人（" + memberNames(ms) + "）关注"
			}
			out = append(out, w.with(WarnItem, st.Discrimination, min, fmt.Sprintf("%s第%s题区分度 %.3f，低于 %g%s", w.Subject, it.Name, st.Discrimination, min, to)))
		}
	}
	return out
}

// previousTScores returns the school 标准分 of the latest earlier analysed
// exam of the same organiser and kind, by "school id/subject", of subject
// only or, with "", of every subject.
func previousTScores(ctx context.Context, tx *db.Tx, e Exam, subject string) (map[string]float64, error) {
	var rid int64
	err := tx.QueryRow(ctx, `SELECT report_id FROM quality_exams WHERE org_id = ? AND kind = ? AND report_id IS NOT NULL AND id <> ?
		AND (school_year < ? OR school_year = ? AND half < ?) ORDER BY school_year DESC, half DESC, id DESC LIMIT 1`,
		e.OrgID, e.Kind, e.ID, e.Term.Year, e.Term.Year, int(e.Term.Half)).Scan(&rid)
	out := map[string]float64{}
	if db.IsNoRows(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	q, args := "SELECT school_id, subject, figures FROM quality_report_groups WHERE report_id = ? AND level = 'school'", []any{rid}
	if subject != "" {
		q, args = q+" AND subject = ?", append(args, subject)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		var subj, fig string
		if err := rows.Scan(&sid, &subj, &fig); err != nil {
			return nil, err
		}
		var g struct {
			T *float64 `json:"t_score"`
		}
		if json.Unmarshal([]byte(fig), &g) == nil && g.T != nil {
			out[fmt.Sprint(sid, "/", subj)] = *g.T
		}
	}
	return out, rows.Err()
}

// storeWarnings replaces the exam's active warnings with ws: a warning seen
// again keeps its id (and its rectification), one no longer raised becomes
// inactive and its 待办 closes. Each active school warning is a 待办 for the
// school's leaders; an item warning one for each setter of its paper, or the
// exam's creator when the paper has none.
func storeWarnings(ctx context.Context, tx *db.Tx, e Exam, reportID int64, ws []Warning, now int64) error {
	old, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT id FROM quality_warnings WHERE exam_id = ? AND active = 1", e.ID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE quality_warnings SET active = 0 WHERE exam_id = ?", e.ID); err != nil {
		return err
	}
	live := map[int64]bool{}
	for _, w := range ws {
		id, err := tx.InsertID(ctx, `INSERT INTO quality_warnings (exam_id, report_id, kind, warn_key, school_id, scope_path, county, school,
			class_name, subject, item, measured, threshold, message, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
			ON CONFLICT (exam_id, warn_key) DO UPDATE SET report_id = excluded.report_id, measured = excluded.measured,
			threshold = excluded.threshold, message = excluded.message, active = 1, updated_at = excluded.updated_at RETURNING id`,
			e.ID, reportID, w.Kind, w.key, nullID(w.SchoolID), w.scopePath, w.County, w.School, w.Class, w.Subject, w.Item,
			w.Measured, w.Threshold, w.Message, now, now)
		if err != nil {
			return err
		}
		live[id] = true
		if err := warningTodo(ctx, tx, e, id, w); err != nil {
			return err
		}
	}
	for _, id := range old {
		if !live[id] {
			if _, err := notify.CloseTodos(ctx, tx, warningTodoKey(id)); err != nil {
				return err
			}
		}
	}
	return nil
}

func warningTodoKey(id int64) string { return fmt.Sprintf("quality.warning:%d", id) }

func warningTodo(ctx context.Context, tx *db.Tx, e Exam, id int64, w Warning) error {
	var users []int64
	var err error
	switch {
	case w.SchoolID != 0:
		users, err = db.QueryAll(ctx, tx, scanID, `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id
			JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
			WHERE r.code = 'school_admin' AND p.org_id = ? AND u.active = TRUE ORDER BY u.id`, w.SchoolID)
	case w.Kind == WarnItem:
		users, err = db.QueryAll(ctx, tx, scanID, `SELECT u.id FROM users u JOIN quality_paper_setters s ON s.person_id = u.person_id
			WHERE s.exam_id = ? AND s.subject = ? AND u.active = TRUE ORDER BY u.id`, e.ID, w.Subject)
		if err == nil && len(users) == 0 {
			users, err = db.QueryAll(ctx, tx, scanID, `SELECT u.id FROM users u JOIN quality_exams e ON e.created_by = u.username WHERE e.id = ?`, e.ID)
		}
	}
	if err != nil {
		return err
	}
	if w.Kind == WarnItem { // the setters may have changed since the last analysis
		open, err := db.QueryAll(ctx, tx, scanID, "SELECT user_id FROM todos WHERE todo_key = ? AND done_at = 0", warningTodoKey(id))
		if err != nil {
			return err
		}
		for _, u := range open {
			if !slices.Contains(users, u) {
				if err := notify.CloseTodo(ctx, tx, u, warningTodoKey(id)); err != nil {
					return err
				}
			}
		}
	}
	if len(users) == 0 {
		return nil
	}
	return notify.AddTodos(ctx, tx, users, notify.Todo{Key: warningTodoKey(id), Source: "质量监测预警",
		Title: "预警：" + w.Message, Link: fmt.Sprintf("/warnings/%d", id)})
}

func scanID(r db.Scanner) (int64, error) {
	var id int64
	return id, r.Scan(&id)
}

// WarningFilter selects warnings.
type WarningFilter struct {
	ExamID int64  // 0 for all
	Kind   string // "" for all
	Offset int
	Limit  int
}

const warningColumns = `w.id, w.exam_id, e.name, w.kind, COALESCE(w.school_id, 0), w.county, w.school, w.class_name, w.subject,
	w.item, w.measured, w.threshold, w.message, w.active, w.scope_path`

func scanWarning(r db.Scanner) (Warning, error) {
	var w Warning
	var active int
	err := r.Scan(&w.ID, &w.ExamID, &w.ExamName, &w.Kind, &w.SchoolID, &w.County, &w.School, &w.Class, &w.Subject, &w.Item,
		&w.Measured, &w.Threshold, &w.Message, &active, &w.scopePath)
	w.Active = active == 1
	return w, err
}

// setterWhere is true of the item warnings of the papers the actor sets.
const setterWhere = `(w.kind = 'item' AND EXISTS (SELECT 1 FROM quality_paper_setters ps
	WHERE ps.exam_id = w.exam_id AND ps.subject = w.subject AND ps.person_id = ?))`

// warningWhere is the warnings an actor may see: those in scope with
// PermView, and the item warnings of the papers they set whatever their
// scope or permissions.
func warningWhere(actor app.Actor) (string, []any) {
	where, args := "(1=0)", []any(nil)
	if actor.Can(PermView) {
		where, args = scopeWhere(actor, "w.scope_path", "w.school_id")
	}
	if actor.PersonID != 0 {
		where, args = "("+where+" OR "+setterWhere+")", append(args, actor.PersonID)
	}
	return where, args
}

// FindWarnings lists the active warnings in the actor's scope, newest exam
// first: a school sees its own, a county its schools' and its own county's;
// a paper's setter sees its item warnings.
func (s *Service) FindWarnings(ctx context.Context, actor app.Actor, f WarningFilter) ([]Warning, int, error) {
	where, args := warningWhere(actor)
	where += " AND w.active = 1"
	if f.ExamID != 0 {
		where += " AND w.exam_id = ?"
		args = append(args, f.ExamID)
	}
	if WarnKindNames[f.Kind] != "" {
		where += " AND w.kind = ?"
		args = append(args, f.Kind)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var out []Warning
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, total, err = db.QueryPage(ctx, tx, scanWarning, "SELECT COUNT(*) FROM quality_warnings w WHERE "+where,
			"SELECT "+warningColumns+" FROM quality_warnings w JOIN quality_exams e ON e.id = w.exam_id WHERE "+where+
				" ORDER BY e.school_year DESC, e.half DESC, w.exam_id DESC, w.id", args, f.Limit, f.Offset)
		return err
	})
	return out, total, err
}

// FindWarningByID returns a warning in the actor's scope, or ENOTFOUND.
func (s *Service) FindWarningByID(ctx context.Context, actor app.Actor, id int64) (Warning, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Warning, error) { return loadWarning(ctx, tx, actor, id) })
}

func loadWarning(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Warning, error) {
	where, args := warningWhere(actor)
	w, err := scanWarning(tx.QueryRow(ctx, "SELECT "+warningColumns+" FROM quality_warnings w JOIN quality_exams e ON e.id = w.exam_id WHERE w.id = ? AND "+where,
		append([]any{id}, args...)...))
	if err != nil {
		return Warning{}, app.Errorf(app.ENOTFOUND, "找不到该预警，或您无权查看")
	}
	return w, nil
}
