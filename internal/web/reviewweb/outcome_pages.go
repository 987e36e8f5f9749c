package reviewweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type outcomeListData struct {
	Outcomes []review.Outcome
	Pager    web.Pager
	Kinds    map[string]string
	Stages   map[string]string
}

// outcomeList is the 成果库 that reaches the user, filtered by kind,
// subject and stage.
func (s *module) outcomeList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, page := web.PageOf(r)
	list, total, err := s.Review.FindOutcomes(r.Context(), web.ActorOf(r), review.OutcomeFilter{Kind: q.Get("kind"), Subject: q.Get("subject"),
		Stage: q.Get("stage"), Limit: web.PageSize, Offset: offset})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_outcomes", web.PageData("成果库", outcomeListData{Outcomes: list, Pager: web.NewPager(q, page, total),
		Kinds: review.OutcomeKindNames, Stages: stageNames}))
}

// outcomeDetail shows one entry.
func (s *module) outcomeDetail(w http.ResponseWriter, r *http.Request) {
	o, id, err := web.ByID(r, s.Review.FindOutcomeByID)
	var files []review.Attachment
	if err == nil {
		files, err = s.Review.OutcomeFiles(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_outcome", web.Page{Title: o.Title, Crumbs: []web.Crumb{{Name: "成果库", URL: "/outcomes"}, {Name: o.Title}},
		Data: struct {
			O      review.Outcome
			Files  []review.Attachment
			Manage bool
			Kinds  map[string]string
			Stages map[string]string
		}{o, files, s.Review.CanManageOutcome(r.Context(), web.ActorOf(r), id), review.OutcomeKindNames, stageNames}})
}

// outcomePublish puts a final-list entry into the 成果库.
func (s *module) outcomePublish(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	oid, err := s.Review.Publish(r.Context(), web.ActorOf(r), id, web.FormStr(r, "kind"))
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/outcomes/"+web.Itoa64(oid)+"?saved=1")
}

// awardReport is 003 六.10's yearly awards in a 学年 (?year=2025, default
// the current one) against the region's rules, then each campaign's own
// quota against the number awarded.
func (s *module) awardReport(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	if year != 0 && (year < 2000 || year > 2100) {
		year = 0
	}
	year, yearly, lines, err := s.Review.AwardReport(r.Context(), web.ActorOf(r), year)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	skills := ""
	if _, res, err := s.Review.SkillsCycle(r.Context(), web.ActorOf(r)); err == nil {
		skills = res.Text
	} else if app.ErrorCode(err) != app.EINVALID {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_awards", web.PageData("评选名额与入选情况", struct {
		Year     int
		Yearly   []review.YearlyAward
		Lines    []review.AwardLine
		Skills   string
		Kinds    map[string]string
		Statuses map[string]string
	}{year, yearly, lines, skills, review.KindNames, review.StatusNames}))
}
