package qualityweb

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/quality/analysis"
	"jiaoyan/internal/web"
)

// blankRows is how many empty rows the paper form offers for new items.
const blankRows = 10

// maxFormRows bounds the rows one paper form may post.
const maxFormRows = 999

type paperFormData struct {
	Exam    quality.Exam
	Subject string
	IsNew   bool
	Rows    []quality.ItemInput
	Setters []org.Member      // 命题人
	Errors  map[string]string // ItemField key → message
}

// Err is the error of row i's field f, if any.
func (d paperFormData) Err(i int, f string) string { return d.Errors[quality.ItemField(i, f)] }

// paperEdit shows the item form of one subject (?subject=, none for a new
// subject): the stored items and blank rows to add more.
func (s *module) paperEdit(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	d := paperFormData{Subject: strings.TrimSpace(r.URL.Query().Get("subject"))}
	if err == nil {
		d.Exam, err = s.Quality.FindExamByID(r.Context(), web.ActorOf(r), id)
	}
	var papers []quality.Paper
	if err == nil {
		papers, err = s.Quality.FindPapers(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	found := false
	for _, p := range papers {
		if d.Subject != "" && p.Subject == d.Subject {
			found, d.Rows, d.Setters = true, itemRows(p.Items), p.Setters
		}
	}
	if d.Subject != "" && !found {
		web.Fail(w, r, app.Errorf(app.ENOTFOUND, "该考试没有科目“%s”的试卷", d.Subject))
		return
	}
	d.IsNew = !found
	d.Rows = append(d.Rows, make([]quality.ItemInput, blankRows)...)
	s.renderPaperForm(w, r, http.StatusOK, d, "")
}

// itemRows are the form rows of stored items.
func itemRows(items []analysis.Item) []quality.ItemInput {
	var out []quality.ItemInput
	for _, it := range items {
		kind := "主观"
		if it.Kind == analysis.Objective {
			kind = "客观"
		}
		out = append(out, quality.ItemInput{Name: it.Name, Full: strconv.FormatFloat(float64(it.Full)/2, 'f', -1, 64),
			Kind: kind, Knowledge: strings.Join(it.Knowledge, "、"), Ability: it.Ability})
	}
	return out
}

// paperSave stores the form's items of one subject; a bad field shows the
// form again with every error at its field, nothing written.
func (s *module) paperSave(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	a := web.ActorOf(r)
	d := paperFormData{Subject: web.FormStr(r, "subject"), IsNew: web.FormBool(r, "new")}
	if err == nil {
		d.Exam, err = s.Quality.FindExamByID(r.Context(), a, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	n := web.FormInt(r, "rows")
	if n < 0 || n > maxFormRows {
		n = 0
	}
	for i := 0; i < n; i++ {
		k := strconv.Itoa(i)
		d.Rows = append(d.Rows, quality.ItemInput{Name: web.FormStr(r, "name"+k), Full: web.FormStr(r, "full"+k),
			Kind: web.FormStr(r, "kind"+k), Knowledge: web.FormStr(r, "knowledge"+k), Ability: web.FormStr(r, "ability"+k),
			Remove: web.FormBool(r, "remove"+k)})
	}
	if d.IsNew && slices.Contains(d.Exam.Subjects, d.Subject) {
		d.Errors = map[string]string{"subject": "科目“" + d.Subject + "”已有试卷，请回到考试页在试卷表中点“编辑小题”"}
		s.renderPaperForm(w, r, http.StatusUnprocessableEntity, d, "试卷未保存，请更正标出的内容："+d.Errors["subject"])
		return
	}
	setters := web.FormIDs(r, "setters")
	for _, pid := range setters {
		if p, err := s.Org.FindPersonByID(r.Context(), a, pid); err == nil {
			d.Setters = append(d.Setters, org.Member{ID: pid, Name: p.Name})
		}
	}
	kept, err := s.Quality.SavePaperWithSetters(r.Context(), a, id, d.Subject, d.Rows, setters)
	var ae *app.Error
	if errors.As(err, &ae) && ae.Field == "setters" {
		d.Errors = map[string]string{"setters": ae.Message}
		s.renderPaperForm(w, r, http.StatusUnprocessableEntity, d, "试卷未保存，请更正标出的内容："+ae.Message)
		return
	}
	var pe quality.PaperErrors
	if errors.As(err, &pe) {
		d.Errors = map[string]string{}
		var msgs []string
		for _, e := range pe.All {
			d.Errors[e.Field] = e.Message
			msgs = append(msgs, e.Message)
		}
		s.renderPaperForm(w, r, http.StatusUnprocessableEntity, d, "试卷未保存，请更正标出的内容："+strings.Join(msgs, "；"))
		return
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	done := "paper_saved"
	if kept {
		done = "paper_kept"
	}
	web.Redirect(w, r, "/exams/"+web.Itoa64(id)+"?done="+done)
}

// paperRemove deletes one subject's paper and its scores.
func (s *module) paperRemove(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	if err == nil {
		err = s.Quality.RemovePaper(r.Context(), web.ActorOf(r), id, web.FormStr(r, "subject"))
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/exams/"+web.Itoa64(id)+"?done=paper_removed")
}

func (s *module) renderPaperForm(w http.ResponseWriter, r *http.Request, status int, d paperFormData, msg string) {
	title := "编辑试卷：" + d.Subject
	if d.IsNew {
		title = "添加科目试卷"
	}
	p := web.PageData(title, d)
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: d.Exam.Name, URL: "/exams/" + web.Itoa64(d.Exam.ID)}, {Name: title}}
	p.Error, p.Errors = msg, d.Errors
	web.Render(w, r, status, "paper_form", p)
}
