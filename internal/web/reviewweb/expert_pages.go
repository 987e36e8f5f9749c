package reviewweb

import (
	"context"
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type expertListData struct {
	Experts []review.Expert
	Pager   web.Pager
	Form    expertForm
	Stages  map[string]string
}

type expertForm struct {
	review.Expert
	SubjectsText, TopicsText, TermsText, Reason string
	Outside                                     bool
}

// expertList is the 专家库 of the pools in the user's scope, with the
// manager's flags and the join form.
func (s *module) expertList(w http.ResponseWriter, r *http.Request) {
	s.expertListPage(w, r, expertForm{Expert: review.Expert{MaxLoad: 10}}, nil)
}

func (s *module) expertListPage(w http.ResponseWriter, r *http.Request, f expertForm, formErr error) {
	offset, page := web.PageOf(r)
	q := r.URL.Query()
	list, total, err := s.Review.FindExperts(r.Context(), web.ActorOf(r), review.ExpertFilter{Subject: q.Get("subject"), Stage: q.Get("stage"),
		Active: q.Get("all") != "1", Limit: web.PageSize, Offset: offset})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	p := web.PageData("专家库", expertListData{Experts: list, Pager: web.NewPager(q, page, total), Form: f, Stages: stageNames})
	if formErr != nil {
		web.FormError(w, r, "review_experts", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "review_experts", p)
}

// expertJoin adds a person (by 人员编号 from the roster) or an outside
// expert to the pool of the user's own bureau.
func (s *module) expertJoin(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	a := web.ActorOf(r)
	f := expertForm{Expert: review.Expert{PersonID: web.FormInt64(r, "person_id"), Name: web.FormStr(r, "name"), Affiliation: web.FormStr(r, "affiliation"),
		PoolOrgID: a.OrgID, Stages: web.FormList(r, "stages"), Senior: web.FormBool(r, "senior"), MaxLoad: web.FormInt(r, "max_load")},
		SubjectsText: web.FormStr(r, "subjects"), TopicsText: web.FormStr(r, "topics"), TermsText: web.FormStr(r, "terms"), Reason: web.FormStr(r, "reason")}
	f.Subjects, f.Topics, f.Terms = splitWords(f.SubjectsText), splitWords(f.TopicsText), splitWords(f.TermsText)
	id, err := s.Review.JoinPool(r.Context(), a, f.Expert, f.Reason)
	if err != nil {
		s.expertListPage(w, r, f, err)
		return
	}
	web.Redirect(w, r, "/experts/"+web.Itoa64(id)+"?saved=1")
}

type expertData struct {
	E         review.Expert
	Decisions []review.Decision
	Conflicts []review.Conflict
	Stages    map[string]string
}

// expertDetail shows one expert with their record and decisions.
func (s *module) expertDetail(w http.ResponseWriter, r *http.Request) {
	e, id, err := web.ByID(r, s.Review.FindExpertByID)
	var ds []review.Decision
	if err == nil {
		ds, err = s.Review.Decisions(r.Context(), web.ActorOf(r), id)
	}
	var cs []review.Conflict
	if err == nil {
		cs, err = s.Review.Conflicts(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_expert", web.Page{Title: e.Name, Crumbs: []web.Crumb{{Name: "专家库", URL: "/experts"}, {Name: e.Name}},
		Data: expertData{E: e, Decisions: ds, Conflicts: cs, Stages: stageNames}})
}

type expertAccountData struct {
	E                            review.Expert
	Username, Password, LoginURL string
	Reset                        bool // a new password for an existing account
}

// expertAccount opens an outside expert's account (开通账号) and shows its
// initial password this once, with the sign-in address.
func (s *module) expertAccount(w http.ResponseWriter, r *http.Request) {
	s.showExpertAccount(w, r, "开通账号", false, func(ctx context.Context, a app.Actor, id int64) (auth.OutsideAccount, error) {
		return s.Review.OpenExpertAccount(ctx, a, id, web.FormStr(r, "username"))
	})
}

// expertAccountReset gives an outside expert's account a new one-time
// password (重置密码) and shows it this once, with the sign-in address.
func (s *module) expertAccountReset(w http.ResponseWriter, r *http.Request) {
	s.showExpertAccount(w, r, "重置密码", true, s.Review.ResetExpertPassword)
}

// showExpertAccount runs give, which opens the account of the expert of
// the path or gives it a new password, and shows the page titled title
// with the username and the one-time password (never cached); reset says
// the account existed before.
func (s *module) showExpertAccount(w http.ResponseWriter, r *http.Request, title string, reset bool,
	give func(ctx context.Context, a app.Actor, id int64) (auth.OutsideAccount, error)) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	a := web.ActorOf(r)
	e, err := s.Review.FindExpertByID(r.Context(), a, id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	acc, err := give(r.Context(), a, id)
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	web.Render(w, r, http.StatusOK, "review_expert_account", web.Page{Title: title,
		Crumbs: []web.Crumb{{Name: "专家库", URL: "/experts"}, {Name: e.Name, URL: "/experts/" + web.Itoa64(id)}, {Name: title}},
		Data: expertAccountData{E: e, Username: acc.Username, Password: acc.Password, LoginURL: web.PublicURL(r) + "/login",
			Reset: reset}})
}

// expertLeave takes the expert out of the pool with the reason.
func (s *module) expertLeave(w http.ResponseWriter, r *http.Request) {
	s.expertAction(w, r, func(r *http.Request, id int64) error {
		return s.Review.LeavePool(r.Context(), web.ActorOf(r), id, web.FormStr(r, "reason"))
	})
}

// expertConflict records a declared 回避 with a person, or with the
// organisation typed by name (org_name).
func (s *module) expertConflict(w http.ResponseWriter, r *http.Request) {
	s.expertAction(w, r, func(r *http.Request, id int64) error {
		if name := web.FormStr(r, "org_name"); name != "" {
			return s.Review.AddOrgConflict(r.Context(), web.ActorOf(r), id, name, web.FormStr(r, "reason"))
		}
		return s.Review.AddConflict(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "person_id"), 0, 0, web.FormStr(r, "reason"))
	})
}

// expertConflictRemove withdraws one of the expert's declared 回避.
func (s *module) expertConflictRemove(w http.ResponseWriter, r *http.Request) {
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil {
		web.Fail(w, r, app.Errorf(app.ENOTFOUND, "找不到该回避关系"))
		return
	}
	s.expertAction(w, r, func(r *http.Request, id int64) error {
		return s.Review.RemoveConflict(r.Context(), web.ActorOf(r), id, cid, web.FormStr(r, "reason"))
	})
}

func (s *module) expertAction(w http.ResponseWriter, r *http.Request, act func(r *http.Request, id int64) error) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := act(r, id); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/experts/"+web.Itoa64(id)+"?saved=1")
}
