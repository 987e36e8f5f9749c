package qualityweb

import (
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

type examListData struct {
	Exams  []quality.Exam
	Pager  web.Pager
	Year   string
	Kind   string
	Kinds  map[string]string
	Levels map[string]string
}

func examFilter(r *http.Request) quality.ExamFilter {
	q := r.URL.Query()
	y, _ := strconv.Atoi(q.Get("year"))
	k := q.Get("kind")
	if quality.KindNames[k] == "" {
		k = ""
	}
	return quality.ExamFilter{Year: y, Kind: k}
}

// examList is 考试与报告: the exams the user may see, newest term first.
func (s *module) examList(w http.ResponseWriter, r *http.Request) {
	f := examFilter(r)
	off, page := web.PageOf(r)
	f.Offset, f.Limit = off, web.PageSize
	list, total, err := s.Quality.FindExams(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := examListData{Exams: list, Pager: web.NewPager(r.URL.Query(), page, total), Year: r.URL.Query().Get("year"), Kind: f.Kind,
		Kinds: quality.KindNames, Levels: quality.LevelNames}
	p := web.PageData("考试与报告", d)
	p.Flash = flashes[r.URL.Query().Get("done")]
	web.Render(w, r, http.StatusOK, "exam_list", p)
}

// examExport sends the filtered exam list as Excel.
func (s *module) examExport(w http.ResponseWriter, r *http.Request) {
	f := examFilter(r)
	f.Limit = 100000
	list, _, err := s.Quality.FindExams(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, e := range list {
		analysed := "未分析"
		if e.ReportID != 0 {
			analysed = "已分析"
		}
		rows = append(rows, []string{e.Name, e.Term.String(), quality.LevelNames[e.Level], quality.KindNames[e.Kind], e.OrgName,
			strings.Join(e.Grades, "、"), analysed})
	}
	web.SendTable(w, r, "质量监测考试.xlsx", []string{"考试名称", "学期", "组织层级", "考试类型", "组织单位", "年级", "分析"}, rows)
}

type examNewData struct {
	Priors  []quality.Exam // analysed exams that may be the prior (前测)
	Choices quality.NewExamChoices
	Form    examForm
	Kinds   map[string]string
	Levels  map[string]string
	Years   []int
}

type examForm struct {
	ID                 int64 // 0 for a new exam
	Version            int
	Name, Kind, Grades string
	Year, Half         int
	Schools            []int64
	Prior              int64
}

func (s *module) examNew(w http.ResponseWriter, r *http.Request) {
	s.renderNew(w, r, examForm{Year: dict.TermOf(nowCST()).Year, Half: int(dict.TermOf(nowCST()).Half), Kind: quality.KindQuality}, nil)
}

func (s *module) renderNew(w http.ResponseWriter, r *http.Request, f examForm, err error) {
	d, derr := s.examFormData(r, f, err)
	if derr != nil {
		web.Fail(w, r, derr)
		return
	}
	p := web.PageData("新建考试", d)
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: "新建考试"}}
	if err != nil {
		web.FormError(w, r, "exam_new", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "exam_new", p)
}

// examFormData is the choices of the exam form (new or edit) around f:
// the schools in the user's scope and the analysed exams that may be the
// prior (not the exam itself).
func (s *module) examFormData(r *http.Request, f examForm, err error) (examNewData, error) {
	c, cerr := s.Quality.FindNewExamChoices(r.Context(), web.ActorOf(r))
	if cerr != nil {
		return examNewData{}, cerr
	}
	if f.Schools == nil && err == nil {
		for _, sc := range c.Schools {
			f.Schools = append(f.Schools, sc.ID)
		}
	}
	y := dict.TermOf(nowCST()).Year
	exams, _, perr := s.Quality.FindExams(r.Context(), web.ActorOf(r), quality.ExamFilter{Limit: 200})
	if perr != nil {
		return examNewData{}, perr
	}
	var priors []quality.Exam
	for _, e := range exams {
		if e.ReportID != 0 && e.OrgID == c.OrgID && e.ID != f.ID {
			priors = append(priors, e)
		}
	}
	return examNewData{Priors: priors, Choices: c, Form: f, Kinds: quality.KindNames, Levels: quality.LevelNames, Years: []int{y + 1, y, y - 1, y - 2}}, nil
}

// examCreate records a new exam organised by the user's organisation.
func (s *module) examCreate(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	f := examForm{Name: web.FormStr(r, "name"), Kind: web.FormStr(r, "kind"), Grades: web.FormStr(r, "grades"),
		Year: web.FormInt(r, "year"), Half: web.FormInt(r, "half"), Schools: web.FormIDs(r, "school_ids"), Prior: web.FormInt64(r, "prior_id")}
	c, err := s.Quality.FindNewExamChoices(r.Context(), a)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	e := quality.Exam{OrgID: c.OrgID, Name: f.Name, Term: dict.Term{Year: f.Year, Half: dict.Half(f.Half)}, Level: c.Level,
		Kind: f.Kind, Grades: splitGrades(f.Grades), SchoolIDs: f.Schools, PriorID: f.Prior}
	id, err := s.Quality.CreateExam(r.Context(), a, e)
	if err != nil {
		s.renderNew(w, r, f, err)
		return
	}
	web.Redirect(w, r, "/exams/"+web.Itoa64(id)+"?done=created")
}

func splitGrades(s string) []string {
	var out []string
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ' ' }) {
		out = append(out, g)
	}
	return out
}

type examDetailData struct {
	Exam      quality.Exam
	Papers    []quality.Paper
	Imports   []quality.SubjectImport
	Settings  []quality.SettingLine // the region's analysis settings in force
	CanManage bool
	Flash     string
	Kinds     map[string]string
	Levels    map[string]string
}

// examDetail shows an exam: its papers, the subjects imported, the upload
// forms and the analysis button for its organiser, and the report link.
func (s *module) examDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	a := web.ActorOf(r)
	var d examDetailData
	if err == nil {
		d.Exam, err = s.Quality.FindExamByID(r.Context(), a, id)
	}
	if err == nil {
		d.Papers, err = s.Quality.FindPapers(r.Context(), a, id)
	}
	if err == nil {
		d.Imports, err = s.Quality.FindImports(r.Context(), a, id)
	}
	if err == nil {
		d.Settings, err = s.Quality.AnalysisSettingsOf(r.Context(), a, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.CanManage, d.Kinds, d.Levels = s.Quality.CanManage(r.Context(), a, id), quality.KindNames, quality.LevelNames
	p := web.PageData(d.Exam.Name, d)
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: d.Exam.Name}}
	p.Flash = flashes[r.URL.Query().Get("done")]
	web.Render(w, r, http.StatusOK, "exam_detail", p)
}

// flashes are the messages ?done= may ask for after an action.
var flashes = map[string]string{"paper": "试卷已导入。", "paper_kept": "试卷已保存，该科已导入的成绩保留。",
	"paper_saved": "试卷已保存。该科如已导入成绩，已清除，请重新导入。", "paper_removed": "该科试卷及其成绩已删除。",
	"updated": "考试信息已保存。", "deleted": "考试已删除。", "created": "考试已建立，请导入试卷（题目表）。"}
