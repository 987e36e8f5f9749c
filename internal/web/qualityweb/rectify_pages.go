package qualityweb

import (
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/web"
)

type loopListData struct {
	Loops    []rectify.Loop
	Statuses map[string]string
	Status   string
	Overdue  bool
	Today    string
	Pager    web.Pager
}

func today() string { return time.Now().In(web.CST).Format("2006-01-02") }

// loopList is 整改: the loops in the user's scope, overdue first.
func (s *module) loopList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	off, page := web.PageOf(r)
	f := rectify.Filter{Status: q.Get("status"), OverdueOnly: q.Get("overdue") == "1", Offset: off, Limit: web.PageSize}
	xlsx := q.Get("format") == "xlsx"
	if xlsx {
		f.Offset, f.Limit = 0, 100000
	}
	list, total, err := s.Rectify.FindLoops(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if xlsx {
		var rows [][]string
		for _, l := range list {
			rows = append(rows, []string{l.OrgName, l.Title, l.StatusName(), l.Due, web.YesNoText(l.Overdue(today()))})
		}
		web.SendTable(w, r, "整改.xlsx", []string{"学校", "整改事项", "状态", "整改期限", "逾期"}, rows)
		return
	}
	d := loopListData{Loops: list, Statuses: rectify.StatusNames, Status: f.Status, Overdue: f.OverdueOnly, Today: today(),
		Pager: web.NewPager(q, page, total)}
	web.Render(w, r, http.StatusOK, "loop_list", web.PageData("整改", d))
}

type loopData struct {
	Loop      rectify.Loop
	Today     string
	CanEdit   bool
	CanReview bool
	FollowUp  quality.FollowUp
	Warning   quality.Warning
	Files     []rectify.Attachment
}

// loopDetail shows a loop with the form of its current step and, for the
// county's review, the next exam's result on the warning's metric.
func (s *module) loopDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	ctx, a := r.Context(), web.ActorOf(r)
	var d loopData
	if err == nil {
		d.Loop, err = s.Rectify.FindLoopByID(ctx, a, id)
	}
	if err == nil {
		d.Files, err = s.Rectify.FindFiles(ctx, a, id)
	}
	if err == nil && d.Loop.OwnerKind == quality.RectifyOwner {
		d.Warning, err = s.Quality.FindWarningByID(ctx, a, d.Loop.OwnerID)
		if err == nil {
			d.FollowUp, err = s.Quality.FindFollowUp(ctx, a, d.Loop.OwnerID)
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Today = today()
	d.CanEdit = a.Can(rectify.PermEdit) && d.Loop.Status != rectify.StatusReview && d.Loop.Status != rectify.StatusClosed
	d.CanReview = a.Can(rectify.PermReview) && a.OrgID != d.Loop.OrgID && d.Loop.Status == rectify.StatusReview
	p := web.PageData("整改", d)
	p.Crumbs = []web.Crumb{{Name: "整改", URL: "/rectifications"}, {Name: d.Loop.OrgName}}
	web.Render(w, r, http.StatusOK, "loop_detail", p)
}

// loopStep runs one step of a loop from its form and goes back to it.
func (s *module) loopStep(step func(r *http.Request, id int64, version int) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r)
		if err == nil {
			err = step(r, id, web.FormInt(r, "version"))
		}
		if err != nil {
			web.ActionError(w, r, err)
			return
		}
		web.Redirect(w, r, "/rectifications/"+strconv.FormatInt(id, 10))
	}
}

func (s *module) loopInterpret(r *http.Request, id int64, v int) error {
	return s.Rectify.Interpret(r.Context(), web.ActorOf(r), id, v, web.FormStr(r, "text"))
}

func (s *module) loopInvestigate(r *http.Request, id int64, v int) error {
	return s.Rectify.Investigate(r.Context(), web.ActorOf(r), id, v, web.FormStr(r, "text"))
}

// loopPlan reads up to five measures (content_N, owner_N, due_N); blank
// lines are skipped.
func (s *module) loopPlan(r *http.Request, id int64, v int) error {
	var ms []rectify.Measure
	for i := 1; i <= 5; i++ {
		n := strconv.Itoa(i)
		m := rectify.Measure{Content: web.FormStr(r, "content_"+n), Owner: web.FormStr(r, "owner_"+n), Due: web.FormStr(r, "due_"+n)}
		if m.Content != "" || m.Owner != "" {
			ms = append(ms, m)
		}
	}
	return s.Rectify.Plan(r.Context(), web.ActorOf(r), id, v, ms)
}

func (s *module) loopEvidence(r *http.Request, id int64, v int) error {
	return s.Rectify.Evidence(r.Context(), web.ActorOf(r), id, v, web.FormInt64(r, "measure_id"), web.FormStr(r, "text"))
}

func (s *module) loopSubmit(r *http.Request, id int64, v int) error {
	return s.Rectify.Submit(r.Context(), web.ActorOf(r), id, v)
}

func (s *module) loopReview(r *http.Request, id int64, v int) error {
	return s.Rectify.Review(r.Context(), web.ActorOf(r), id, v, web.FormStr(r, "pass") == "1", web.FormStr(r, "note"))
}
