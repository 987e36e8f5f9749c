package qualityweb

import (
	"net/http"
	"strings"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

// examEdit shows the exam's form filled in, for its organiser, with the
// delete button; both refuse once scores (edit) or an analysis (delete)
// exist, saying so.
func (s *module) examEdit(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	var e quality.Exam
	if err == nil {
		e, err = s.Quality.FindExamByID(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	f := examForm{ID: e.ID, Version: e.Version, Name: e.Name, Kind: e.Kind, Grades: strings.Join(e.Grades, "、"), Year: e.Term.Year,
		Half: int(e.Term.Half), Schools: e.SchoolIDs, Prior: e.PriorID}
	s.renderEdit(w, r, e, f, nil)
}

func (s *module) renderEdit(w http.ResponseWriter, r *http.Request, e quality.Exam, f examForm, err error) {
	d, derr := s.examFormData(r, f, err)
	if derr != nil {
		web.Fail(w, r, derr)
		return
	}
	p := web.PageData("修改考试", examEditData{examNewData: d, Exam: e})
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: e.Name, URL: "/exams/" + web.Itoa64(e.ID)}, {Name: "修改考试"}}
	if err != nil {
		web.FormError(w, r, "exam_edit", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "exam_edit", p)
}

type examEditData struct {
	examNewData
	Exam quality.Exam
}

// examUpdate saves the form; a bad field shows the form again at its field.
func (s *module) examUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	a := web.ActorOf(r)
	var e quality.Exam
	if err == nil {
		e, err = s.Quality.FindExamByID(r.Context(), a, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	f := examForm{ID: id, Version: web.FormInt(r, "version"), Name: web.FormStr(r, "name"), Kind: web.FormStr(r, "kind"),
		Grades: web.FormStr(r, "grades"), Year: web.FormInt(r, "year"), Half: web.FormInt(r, "half"), Schools: web.FormIDs(r, "school_ids"),
		Prior: web.FormInt64(r, "prior_id")}
	err = s.Quality.UpdateExam(r.Context(), a, quality.ExamEdit{ID: id, Version: f.Version, Name: f.Name, Term: dict.Term{Year: f.Year, Half: dict.Half(f.Half)},
		Kind: f.Kind, Grades: splitGrades(f.Grades), SchoolIDs: f.Schools, PriorID: f.Prior})
	if err != nil {
		if f.Schools == nil {
			f.Schools = []int64{}
		}
		s.renderEdit(w, r, e, f, err)
		return
	}
	web.Redirect(w, r, "/exams/"+web.Itoa64(id)+"?done=updated")
}

// examDelete removes an exam that has no analysis.
func (s *module) examDelete(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	if err == nil {
		err = s.Quality.DeleteExam(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"))
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/exams?done=deleted")
}
