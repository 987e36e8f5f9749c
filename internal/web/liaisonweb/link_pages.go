package liaisonweb

import (
	"net/http"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// linkDetailData is the link page: school, team, on-site time per term,
// 调研报告 and 提升方案, 跟进式指导 and 工作交流.
type linkDetailData struct {
	Link      liaison.Link
	Round     liaison.Round
	Onsite    liaison.LinkCompliance
	Plans     []liaison.GuidancePlan
	Exchanges []liaison.Exchange
	Teams     []liaison.Team
	Teachers  []org.Person
	Now       dict.Term
	Today     string
	CanEdit   bool
}

func (s *module) linkDetailPage(r *http.Request, id int64) (web.Page, error) {
	ctx, a := r.Context(), web.ActorOf(r)
	k, err := s.Liaison.FindLink(ctx, a, id)
	if err != nil {
		return web.Page{}, err
	}
	d := linkDetailData{Link: k, Now: dict.TermOf(time.Now()), Today: time.Now().Format("2006-01-02")}
	if d.Round, err = s.Liaison.FindRound(ctx, a, k.RoundID); err != nil {
		return web.Page{}, err
	}
	d.CanEdit = s.Liaison.CanEditLink(ctx, a, id)
	if d.Onsite, err = s.Liaison.LinkOnsite(ctx, a, id); err == nil {
		d.Plans, d.Exchanges, err = s.Liaison.FindGuidance(ctx, a, id)
	}
	if err == nil && d.Round.Editable() && a.Can(liaison.PermLiaisonManage) {
		d.Teams, err = s.Liaison.FindTeams(ctx, a, k.RoundID)
	}
	if err == nil {
		d.Teachers, _, err = s.Org.FindPeople(ctx, a, org.PersonFilter{OrgID: k.SchoolID, Limit: 500})
	}
	title := k.SchoolName + "（" + k.ResearcherName + "）"
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "联系学校轮次", URL: "/rounds"}, {Name: k.RoundName, URL: "/rounds/" + web.Itoa64(k.RoundID)}, {Name: title}}, Data: d}, err
}

func (s *module) linkDetail(w http.ResponseWriter, r *http.Request) {
	showDetail(w, r, "link_detail", s.linkDetailPage)
}

// linkAction runs one change on the link in the path and returns to to (or
// the link page), or shows the link page with the error at its field.
func (s *module) linkAction(w http.ResponseWriter, r *http.Request, run func(id int64) (string, error)) {
	id, to, ok := actOnDetail(w, r, "link_detail", s.linkDetailPage, run)
	if !ok {
		return
	}
	if to == "" {
		to = "/links/" + web.Itoa64(id) + "?saved=1"
	}
	web.Redirect(w, r, to)
}

func (s *module) linkSave(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.SaveLinkTexts(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"), r.FormValue("survey"), r.FormValue("improvement"))
	})
}

func (s *module) linkGuidance(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		_, err := s.Liaison.AddGuidancePlan(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "teacher_id"), web.FormStr(r, "goal"))
		return "", err
	})
}

func (s *module) linkFollowup(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.AddFollowup(r.Context(), web.ActorOf(r), web.FormInt64(r, "plan_id"), web.FormStr(r, "on_date"), web.FormStr(r, "note"))
	})
}

func (s *module) linkExchange(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.AddExchange(r.Context(), web.ActorOf(r), id, web.FormStr(r, "on_date"), web.FormStr(r, "note"))
	})
}

func (s *module) linkMove(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.MoveLink(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "team_id"))
	})
}

func (s *module) linkRemove(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		k, err := s.Liaison.FindLink(r.Context(), web.ActorOf(r), id)
		if err == nil {
			err = s.Liaison.RemoveLink(r.Context(), web.ActorOf(r), id)
		}
		return "/rounds/" + web.Itoa64(k.RoundID) + "?saved=1", err
	})
}
