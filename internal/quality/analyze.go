package quality

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/quality/analysis"
)

// totalsItem names the one item a totals-only subject is given when its
// stored scores are handed back to the engine; no column carries the name,
// so the engine reads the subject from the 成绩 column.
const totalsItem = "全卷（总分）"

// Analyze runs the engine on the exam's stored scores and stores the report
// (every group, item, student and value-added record) as the exam's current
// report, in one transaction. Pages read the stored records and never
// recompute. It returns the report id.
func (s *Service) Analyze(ctx context.Context, actor app.Actor, examID int64, p Progress) (int64, error) {
	pr := &stepProgress{p: progressOr(p)}
	var in analysisInput
	var ds *analysis.Dataset
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if in, err = loadAnalysisInput(ctx, tx, actor, examID); err != nil {
			return err
		}
		pr.names = in.subjectNames()
		ds, err = readStoredScores(ctx, tx, in, pr)
		return err
	})
	if err != nil {
		return 0, err
	}
	pr.at(pctItems, "正在整理成绩数据")
	a, err := s.runEngine(ctx, in.exam, ds, pr.engineStep)
	if err != nil {
		return 0, err
	}
	return s.storeAnalysis(ctx, actor, in, a, pr)
}

// analysed is an engine report with the notes its rules add.
type analysed struct {
	rep   *analysis.Report
	rules warnRules
}

// runEngine analyses ds under the settings, 预警 rules and prior exam of
// exam e; ds's cells are freed as they are used.
func (s *Service) runEngine(ctx context.Context, e Exam, ds *analysis.Dataset, step analysis.StageFunc) (analysed, error) {
	rules, err := s.loadWarnRules(ctx, e.RegionCode, e.Term.Year)
	if err != nil {
		return analysed{}, err
	}
	set, err := s.analysisSettings(ctx, e.RegionCode, e.Term.Year)
	if err != nil {
		return analysed{}, err
	}
	if note, err := s.withPrior(ctx, e, ds, &set); err != nil {
		return analysed{}, err
	} else if note != "" {
		rules.notes = append(rules.notes, note)
	}
	rep, err := analysis.AnalyzeAndFreeSteps(ctx, ds, set, step)
	return analysed{rep, rules}, err
}

// storeAnalysis stores a's report, its 预警 and 待办 as the current report
// of exam in.examID, in one transaction, and returns the report id.
func (s *Service) storeAnalysis(ctx context.Context, actor app.Actor, in analysisInput, a analysed, pr *stepProgress) (int64, error) {
	var id int64
	rep, rules, examID := a.rep, a.rules, in.examID
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		defer bulkCache(ctx, tx)()
		pr.at(pctWarnings, "正在生成预警")
		up := placesOf(rep, in.schools)
		prev, err := previousTScores(ctx, tx, e, "")
		if err != nil {
			return err
		}
		setters, err := loadSetters(ctx, tx, examID)
		if err != nil {
			return err
		}
		ws := warningsOf(e, rep, up, rules, prev, setters)
		if id, err = s.storeReport(ctx, tx, actor, examID, rep, up, rules.notes, pr); err != nil {
			return err
		}
		pr.at(pctDone-1, "正在保存预警和待办")
		if err := storeWarnings(ctx, tx, e, id, ws, s.now().UnixMilli()); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE quality_exams SET report_id = ?, updated_at = ? WHERE id = ?", id, s.now().UnixMilli(), examID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "exam.analyze", "exam", examID, "运行质量分析："+e.Name+"（"+strings.Join(rep.Names[:len(rep.Names)-1], "、")+"）", nil, nil)
	})
	if err == nil {
		pr.at(pctDone, "分析完成")
	}
	return id, err
}

// The share of 100 each stage of an analysis ends at.
const (
	pctRead     = 15 // reading the stored scores, per subject
	pctItems    = 25 // the engine reading them; then 题目指标 per subject
	pctGroups   = 45 // 群体指标 per subject and the total
	pctValue    = 70 // 增值评价
	pctWarnings = 75 // 预警
	pctStore    = 78 // storing the report's records, until pctDone-1
	pctDone     = 100
)

// stepProgress reports an analysis's progress, never backwards, with the
// subject and stage named: "正在分析 数学（3/9）：题目指标".
type stepProgress struct {
	p     Progress
	names []string // the subjects analysed, in paper order
	last  int
}

func (s *stepProgress) at(pct int, msg string) {
	pct = max(pct, s.last)
	s.last = pct
	s.p.Report(pct, 100, msg)
}

// subject reports step i of the subjects (len(names) for the total) in the
// stage running from pct from to pct to.
func (s *stepProgress) subject(from, to, i int, verb, stage string) {
	n := max(1, len(s.names))
	pct := from + (to-from)*i/n
	if i >= len(s.names) {
		s.at(to-1, verb+" 总分："+stage)
		return
	}
	s.at(pct, fmt.Sprintf("%s %s（%d/%d）：%s", verb, s.names[i], i+1, n, stage))
}

func (s *stepProgress) engineStep(st analysis.Stage, v int) {
	switch st {
	case analysis.StageItems:
		s.subject(pctItems, pctGroups, v, "正在分析", "题目指标")
	case analysis.StageGroups:
		s.subject(pctGroups, pctValue, v, "正在分析", "群体指标")
	case analysis.StageValueAdded:
		s.at(pctValue, "正在分析：增值评价")
	}
}

// analysisInput is what the engine needs from the database.
type analysisInput struct {
	examID  int64
	exam    Exam
	engine  *analysis.Exam // papers; a totals-only subject has the one totalsItem
	totals  map[string]bool
	schools map[int64]school
}

func loadAnalysisInput(ctx context.Context, tx *db.Tx, actor app.Actor, examID int64) (analysisInput, error) {
	in := analysisInput{examID: examID, totals: map[string]bool{}, schools: map[int64]school{}}
	var err error
	if in.exam, err = manageExam(ctx, tx, actor, examID); err != nil {
		return in, err
	}
	papers, err := loadPapers(ctx, tx, examID)
	if err != nil {
		return in, err
	}
	imports, err := loadImports(ctx, tx, examID)
	if err != nil {
		return in, err
	}
	if len(imports) == 0 {
		return in, app.Errorf(app.EINVALID, "还没有导入任何成绩，不能分析")
	}
	in.engine = &analysis.Exam{}
	for _, sub := range papers.Subjects {
		imp, ok := imports[sub.Name]
		if !ok {
			continue
		}
		if imp.TotalsOnly {
			in.totals[sub.Name] = true
			sub.Items = []analysis.Item{{Name: totalsItem, Full: sub.Full}}
		}
		in.engine.Subjects = append(in.engine.Subjects, sub)
	}
	list, err := loadSchools(ctx, tx, examID)
	for _, sc := range list {
		in.schools[sc.ID] = sc
	}
	return in, err
}

// subjectNames is the subjects analysed, in paper order.
func (in analysisInput) subjectNames() []string {
	var out []string
	for _, sub := range in.engine.Subjects {
		out = append(out, sub.Name)
	}
	return out
}

// loadImports returns the import state of each subject with scores.
func loadImports(ctx context.Context, tx *db.Tx, examID int64) (map[string]SubjectImport, error) {
	list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (SubjectImport, error) {
		var x SubjectImport
		var tot int
		err := r.Scan(&x.Subject, &tot, &x.Students, &x.Absent, &x.ImportedBy, &x.ImportedAt)
		x.TotalsOnly = tot == 1
		return x, err
	}, "SELECT subject, totals_only, students, absent, imported_by, imported_at FROM quality_exam_subjects WHERE exam_id = ?", examID)
	out := map[string]SubjectImport{}
	for _, x := range list {
		out[x.Subject] = x
	}
	return out, err
}
