package trainingweb

import (
	"iter"
	"net/http"
	"strings"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesSurveys() []web.Route {
	return []web.Route{
		{Method: "GET", Pattern: "/surveys", Handler: m.surveyList, Perm: training.PermCreditView},
		{Method: "POST", Pattern: "/surveys", Handler: m.surveyCreate, Perm: training.PermProgramManage, Audited: true},
		{Method: "GET", Pattern: "/surveys/{id}", Handler: m.surveyDetail, Perm: training.PermCreditView, Object: "survey"},
		{Method: "POST", Pattern: "/surveys/{id}/answer", Handler: m.surveyAnswer, Perm: training.PermCreditView,
			Object: "survey", Audited: true},
		{Method: "GET", Pattern: "/surveys/{id}/export", Handler: m.surveyExport, Perm: training.PermProgramManage, Object: "survey"},
		{Method: "POST", Pattern: "/surveys/{id}/close", Handler: m.surveyClose, Perm: training.PermProgramManage,
			Object: "survey", Audited: true},
		{Method: "GET", Pattern: "/programs/{id}/report", Handler: m.programReport, Perm: training.PermProgramManage, Object: "program"},
	}
}

// surveyForm is the new-questionnaire form as typed.
type surveyForm struct {
	Title, Region, OrgID, Tier, Subject, Stage, Questions string
}

type surveyListData struct {
	Surveys []training.Survey
	Form    surveyForm
	Tiers   []struct{ Code, Name string }
	Stages  map[string]string
	Regions []training.Choice // the regions and schools a needs survey may go to
	Schools []training.Choice
	Manager bool
	Pager   web.Pager
}

// surveyList is 问卷: those sent to me (to answer) and, for managers,
// those of their scope with the answer rate, and the form of a new one.
func (m *module) surveyList(w http.ResponseWriter, r *http.Request) {
	m.renderSurveys(w, r, surveyForm{Questions: "单选|您最希望参加的培训内容|课堂教学;作业设计;信息技术应用\n评分|对本年度培训的满意度\n填空|其他建议"}, nil)
}

func (m *module) renderSurveys(w http.ResponseWriter, r *http.Request, form surveyForm, formErr error) {
	a := web.ActorOf(r)
	list, err := m.Svc.FindSurveys(r.Context(), a)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	off, page := web.PageOf(r)
	d := surveyListData{Surveys: pageSlice(list, off), Pager: web.NewPager(r.URL.Query(), page, len(list)), Form: form,
		Tiers: tierChoices(), Stages: org.StageNames, Manager: a.Can(training.PermProgramManage)}
	if d.Manager {
		if d.Regions, d.Schools, err = m.Svc.SurveyTargets(r.Context(), a); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	p := web.Page{Title: "问卷", Crumbs: []web.Crumb{{Name: "培训项目", URL: "/programs"}, {Name: "问卷"}}, Data: d}
	if formErr != nil {
		web.FormError(w, r, "survey_list", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "survey_list", p)
}

// surveyCreate sends a needs survey to a region or school of the
// manager's scope (their own region when neither is chosen), or, with
// program_id, a program's evaluation to its enrolled.
func (m *module) surveyCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	form := surveyForm{Title: web.FormStr(r, "title"), Region: web.FormStr(r, "region"), OrgID: web.FormStr(r, "org_id"),
		Tier: web.FormStr(r, "tier"), Subject: web.FormStr(r, "subject"), Stage: web.FormStr(r, "stage"),
		Questions: r.FormValue("questions")}
	qs, err := training.ParseQuestions(form.Questions)
	var id int64
	if err == nil {
		id, err = m.Svc.CreateSurvey(r.Context(), web.ActorOf(r), training.Survey{Title: form.Title, RegionCode: form.Region,
			OrgID: web.FormInt64(r, "org_id"), Tier: form.Tier,
			Subject: form.Subject, Stage: form.Stage, ProgramID: web.FormInt64(r, "program_id"), Questions: qs})
	}
	if err != nil {
		if web.FormInt64(r, "program_id") != 0 {
			web.ActionError(w, r, err)
			return
		}
		m.renderSurveys(w, r, form, err)
		return
	}
	web.Redirect(w, r, "/surveys/"+web.Itoa64(id)+"?saved=1")
}

// surveyDetail is the answer form (on the phone) for a respondent, and
// the results by question for a manager in scope.
func (m *module) surveyDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	m.renderSurvey(w, r, id, nil)
}

func (m *module) renderSurvey(w http.ResponseWriter, r *http.Request, id int64, formErr error) {
	a := web.ActorOf(r)
	sv, manager, err := m.Svc.FindSurvey(r.Context(), a, id)
	var res *training.SurveyResults
	if err == nil && manager {
		var x training.SurveyResults
		x, err = m.Svc.FindSurveyResults(r.Context(), a, id)
		res = &x
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	p := web.Page{Title: sv.Title, Crumbs: []web.Crumb{{Name: "问卷", URL: "/surveys"}, {Name: sv.Title}}, Data: struct {
		S       training.Survey
		Results *training.SurveyResults
		Chosen  map[string]bool
	}{sv, res, chosenOf(r)}}
	if formErr != nil {
		web.FormError(w, r, "survey_detail", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "survey_detail", p)
}

// chosenOf keeps a failed answer's choices as "q<id>=<n>" for the form.
func chosenOf(r *http.Request) map[string]bool {
	out := map[string]bool{}
	for k, vs := range r.PostForm {
		for _, v := range vs {
			out[k+"="+v] = true
		}
	}
	return out
}

// surveyAnswer records the respondent's answers, once.
func (m *module) surveyAnswer(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	ans := training.Answers{}
	for k, vs := range r.PostForm {
		if q, ok := strings.CutPrefix(k, "q"); ok {
			if qid := web.ParseID(q); qid > 0 {
				ans[qid] = vs
			}
		}
	}
	if err := m.Svc.Answer(r.Context(), web.ActorOf(r), id, ans); err != nil {
		m.renderSurvey(w, r, id, err)
		return
	}
	web.Redirect(w, r, "/surveys/"+web.Itoa64(id)+"?saved=1")
}

// programReport is a program's report: attendance per session,
// completion and the evaluation's results.
func (m *module) programReport(w http.ResponseWriter, r *http.Request) {
	rep, _, err := web.ByID(r, m.Svc.FindProgramReport)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "program_report", web.Page{Title: rep.Title + " · 项目报告", Crumbs: []web.Crumb{
		{Name: "培训项目", URL: "/programs"}, {Name: rep.Title, URL: "/programs/" + web.Itoa64(rep.ID)}, {Name: "项目报告"}}, Data: rep})
}

// surveyClose stops the survey taking answers.
func (m *module) surveyClose(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil && web.ParseForm(w, r) {
		err = m.Svc.CloseSurvey(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"))
	} else if err == nil {
		return
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/surveys/"+web.Itoa64(id)+"?saved=1")
}

// surveyExport sends a survey's results by question as xlsx: totals per
// option, never one person's answers.
func (m *module) surveyExport(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	res, err := m.Svc.FindSurveyResults(r.Context(), web.ActorOf(r), id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rows := func(yield func([]string) bool) {
		if !yield([]string{"", "答卷 " + web.Itoa(res.Answered) + " 份，应答 " + web.Itoa(res.Targeted) + " 人", "", "", "", ""}) {
			return
		}
		for _, row := range res.ExportRows() {
			if !yield(row) {
				return
			}
		}
	}
	web.SendExport(w, r, res.Title+"结果.xlsx", surveySpec(), iter.Seq[[]string](rows))
}

// surveySpec is the columns of a survey's results export.
func surveySpec() exchange.Spec {
	return exchange.Spec{Name: "问卷结果", Columns: []exchange.Column{
		{Header: "题号"}, {Header: "题目", Width: 36}, {Header: "题型"}, {Header: "选项", Width: 24},
		{Header: "人数", Kind: exchange.KindInt}, {Header: "占答卷比例"},
	}}
}
