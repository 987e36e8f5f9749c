package liaisonweb

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

func visitFilterOf(r *http.Request) liaison.VisitFilter {
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	half, _ := strconv.Atoi(q.Get("half"))
	return liaison.VisitFilter{ResearcherID: web.ParseID(q.Get("researcher_id")), SchoolID: web.ParseID(q.Get("school_id")),
		Year: year, Half: half, Purpose: q.Get("purpose")}
}

type visitListData struct {
	Visits   []liaison.Visit
	Purposes map[string]string
	Pager    web.Pager
}

// visitList lists 到校记录 with filters, 50 a page by keyset, newest first
// (下一页 continues after the last one shown).
func (s *module) visitList(w http.ResponseWriter, r *http.Request) {
	after, before := web.Cursors(r)
	_, page := web.PageOf(r)
	pg, err := s.Liaison.FindVisitsPage(r.Context(), web.ActorOf(r), visitFilterOf(r), db.ParsePageKey(after), db.ParsePageKey(before),
		web.PageSize)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "visit_list", web.PageData("到校记录", visitListData{Visits: pg.Visits,
		Purposes: liaison.PurposeNames, Pager: web.NewKeysetPager(r.URL.Query(), web.KeysetPage{Page: page, Total: pg.Total,
			More: pg.More, Less: pg.Less, First: pg.First.Encode(), Last: pg.Last.Encode()})}))
}

// visitExport sends every filtered visit (no cap) as Excel through the
// kit's export: the rows stream from a keyset walk (WalkVisits), and past
// web.ExportJobRows visits the export is a job with progress.
func (s *module) visitExport(w http.ResponseWriter, r *http.Request) {
	f := visitFilterOf(r)
	f.Limit = 1
	actor := web.ActorOf(r)
	_, total, err := s.Liaison.FindVisits(r.Context(), actor, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	headers := []string{"教研员", "学校", "事由", "到校日期", "离校日期", "在校天数", "学期", "听课节数", "示范课", "评课座谈", "蹲点阶段", "备注"}
	cols := make([]exchange.Column, len(headers))
	for i, h := range headers {
		cols[i] = exchange.Column{Header: h}
	}
	web.SendExportOrJob(w, r, "到校记录.xlsx", exchange.Spec{Name: "到校记录", Columns: cols}, total,
		func(ctx context.Context, yield func([]string) bool) error {
			return s.Liaison.WalkVisits(ctx, actor, f, func(v liaison.Visit) bool {
				return yield([]string{v.ResearcherName, v.SchoolName, v.PurposeName(), v.StartDate, v.EndDate, web.Itoa(v.Days),
					v.Term.String(), web.Itoa(v.LessonsObserved), web.Itoa(v.DemoLessons), web.Itoa(v.Meetings), v.PhaseName(), v.Notes})
			})
		})
}

type visitFormData struct {
	Visit       liaison.Visit
	IsNew       bool
	Researchers []liaison.Researcher
	Picked      *org.Org  // the visit's school, when it has one
	Query       string    // the school search typed without script
	Found       []org.Org // the schools that search found
	Purposes    map[string]string
	Phases      map[string]string
	Lessons     []Observed // the visit's 听课评课 records (an edit)
}

// visitForm renders the full visit form with its choices.
func (s *module) visitForm(w http.ResponseWriter, r *http.Request, status int, v liaison.Visit, err error) {
	a := web.ActorOf(r)
	d := visitFormData{Visit: v, IsNew: v.ID == 0, Purposes: liaison.PurposeNames, Phases: liaison.PhaseNames}
	var lerr error
	if a.Can(liaison.PermLiaisonManage) {
		d.Researchers, lerr = s.Liaison.FindResearchers(r.Context(), a, liaison.ResearcherFilter{})
		d.Researchers = withResearcher(d.Researchers, v)
	}
	if lerr == nil {
		d.Picked, lerr = s.visitSchool(r, v.SchoolID)
	}
	if lerr == nil {
		d.Lessons, lerr = s.visitLessons(r, v)
	}
	if lerr == nil {
		d.Query = r.URL.Query().Get("school_q")
		d.Found, lerr = s.schoolsNamed(r, d.Query)
	}
	if lerr != nil {
		web.Fail(w, r, lerr)
		return
	}
	title := "记录到校"
	if !d.IsNew {
		title = "修改到校记录"
	}
	p := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "到校记录", URL: "/visits"}, {Name: title}}, Data: d}
	if err != nil {
		web.FormError(w, r, "visit_form", p, err)
		return
	}
	web.Render(w, r, status, "visit_form", p)
}

// withResearcher keeps the visit's own researcher among the choices (one
// from outside the actor's scope who visited a school inside it), so that
// saving an edit never silently swaps the researcher.
func withResearcher(list []liaison.Researcher, v liaison.Visit) []liaison.Researcher {
	if v.ResearcherID == 0 {
		return list
	}
	for _, x := range list {
		if x.ID == v.ResearcherID {
			return list
		}
	}
	return append([]liaison.Researcher{{ID: v.ResearcherID, Name: v.ResearcherName}}, list...)
}

// visitNew opens a blank form: the actor as researcher, today, the school
// and purpose from the query.
func (s *module) visitNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	today := s.today()
	v := liaison.Visit{ResearcherID: web.ActorOf(r).PersonID, SchoolID: web.ParseID(q.Get("school_id")), Purpose: q.Get("purpose"),
		StartDate: today, EndDate: today}
	if id := web.ParseID(q.Get("researcher_id")); id != 0 {
		v.ResearcherID = id
	}
	s.visitForm(w, r, http.StatusOK, v, nil)
}

// visitOf reads a visit from the posted form; false when the form could
// not be read (the error page is shown).
func visitOf(w http.ResponseWriter, r *http.Request) (liaison.Visit, bool) {
	if !web.ParseForm(w, r) {
		return liaison.Visit{}, false
	}
	return liaison.Visit{ResearcherID: web.FormInt64(r, "researcher_id"), SchoolID: web.FormInt64(r, "school_id"),
		Purpose: web.FormStr(r, "purpose"), StartDate: web.FormStr(r, "start_date"), EndDate: web.FormStr(r, "end_date"),
		Days: web.FormInt(r, "days"), Meetings: web.FormInt(r, "meetings"), Notes: web.FormStr(r, "notes"), LinkID: web.FormInt64(r, "link_id"),
		StationID: web.FormInt64(r, "station_id"), StationPhase: web.FormStr(r, "station_phase"), Version: web.FormInt(r, "version")}, true
}

// visitCreate saves a new visit; the researcher defaults to the actor.
func (s *module) visitCreate(w http.ResponseWriter, r *http.Request) {
	v, ok := visitOf(w, r)
	if !ok {
		return
	}
	if v.ResearcherID == 0 {
		v.ResearcherID = web.ActorOf(r).PersonID
	}
	id, err := s.Liaison.SaveVisit(r.Context(), web.ActorOf(r), v, web.FormIDs(r, "members"))
	if err != nil {
		s.visitForm(w, r, 0, v, err)
		return
	}
	web.Redirect(w, r, "/visits/"+web.Itoa64(id)+"?saved=1")
}

// visitDetail shows one visit.
func (s *module) visitDetail(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadVisit(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	files, err := s.Liaison.Attachments(r.Context(), web.ActorOf(r), v.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	lessons, err := s.visitLessons(r, v)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	title := v.ResearcherName + " 到 " + v.SchoolName
	web.Render(w, r, http.StatusOK, "visit_detail", web.Page{Title: title, Crumbs: []web.Crumb{{Name: "到校记录", URL: "/visits"}, {Name: title}},
		Data: visitDetailData{Visit: v, Files: files, Lessons: lessons, RecordURL: recordLessonURL(v)}})
}

func (s *module) loadVisit(r *http.Request) (liaison.Visit, error) {
	id, err := web.PathID(r)
	if err != nil {
		return liaison.Visit{}, err
	}
	return s.Liaison.FindVisitByID(r.Context(), web.ActorOf(r), id)
}

// visitEdit opens the form on a visit.
func (s *module) visitEdit(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadVisit(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.visitForm(w, r, http.StatusOK, v, nil)
}

// visitUpdate saves an edit of a visit the actor can see.
func (s *module) visitUpdate(w http.ResponseWriter, r *http.Request) {
	old, err := s.loadVisit(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v, ok := visitOf(w, r)
	if !ok {
		return
	}
	// 手填（旧记录）: an old visit keeps its typed counts; no form sets them.
	v.ID, v.LessonsObserved, v.DemoLessons = old.ID, old.LessonsObserved, old.DemoLessons
	if _, err := s.Liaison.SaveVisit(r.Context(), web.ActorOf(r), v, web.FormIDs(r, "members")); err != nil {
		s.visitForm(w, r, 0, v, err)
		return
	}
	web.Redirect(w, r, "/visits/"+web.Itoa64(v.ID)+"?saved=1")
}

// today is the date in China time by the liaison service's clock.
func (s *module) today() string {
	now := time.Now()
	if s.Liaison != nil && s.Liaison.Now != nil {
		now = s.Liaison.Now()
	}
	return now.In(web.CST).Format("2006-01-02")
}

type visitDetailData struct {
	liaison.Visit
	Files     []liaison.Attachment
	Lessons   []Observed // the visit's 听课评课 records
	RecordURL string     // the form to record one more
}
