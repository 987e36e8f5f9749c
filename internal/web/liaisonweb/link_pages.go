package web

import (
	"net/http"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
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

func (s *Server) linkDetailPage(r *http.Request, id int64) (page, error) {
	ctx, a := r.Context(), actorOf(r)
	k, err := s.Liaison.FindLink(ctx, a, id)
	if err != nil {
		return page{}, err
	}
	d := linkDetailData{Link: k, Now: dict.TermOf(time.Now()), Today: time.Now().Format("2006-01-02")}
	d.Round, _ = s.Liaison.FindRound(ctx, a, k.RoundID)
	d.CanEdit = s.Liaison.CanEditLink(ctx, a, id)
	if d.Onsite, err = s.Liaison.LinkOnsite(ctx, a, id); err == nil {
		d.Plans, d.Exchanges, err = s.Liaison.FindGuidance(ctx, a, id)
	}
	if d.Round.Editable() && a.Can("liaison.manage") {
		d.Teams, _ = s.Liaison.FindTeams(ctx, a, k.RoundID)
	}
	d.Teachers, _, _ = s.Org.FindPeople(ctx, a, org.PersonFilter{OrgID: k.SchoolID, Limit: 500})
	title := k.SchoolName + "（" + k.ResearcherName + "）"
	return page{Title: title, Crumbs: []crumb{{"联系学校轮次", "/rounds"}, {k.RoundName, "/rounds/" + itoa64(k.RoundID)}, {Name: title}}, Data: d}, err
}

func (s *Server) linkDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var p page
	if err == nil {
		p, err = s.linkDetailPage(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "link_detail", p)
}

// linkAction runs one change on the link in the path and returns to to (or
// the link page), or shows the link page with the error at its field.
func (s *Server) linkAction(w http.ResponseWriter, r *http.Request, run func(id int64) (string, error)) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	to, err := run(id)
	if err != nil {
		p, perr := s.linkDetailPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		s.formError(w, r, "link_detail", p, err)
		return
	}
	if to == "" {
		to = "/links/" + itoa64(id) + "?saved=1"
	}
	redirect(w, r, to)
}

func (s *Server) linkSave(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.SaveLinkTexts(r.Context(), actorOf(r), id, formInt(r, "version"), r.FormValue("survey"), r.FormValue("improvement"))
	})
}

func (s *Server) linkGuidance(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		_, err := s.Liaison.AddGuidancePlan(r.Context(), actorOf(r), id, formInt64(r, "teacher_id"), formStr(r, "goal"))
		return "", err
	})
}

func (s *Server) linkFollowup(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.AddFollowup(r.Context(), actorOf(r), formInt64(r, "plan_id"), formStr(r, "on_date"), formStr(r, "note"))
	})
}

func (s *Server) linkExchange(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.AddExchange(r.Context(), actorOf(r), id, formStr(r, "on_date"), formStr(r, "note"))
	})
}

func (s *Server) linkMove(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		return "", s.Liaison.MoveLink(r.Context(), actorOf(r), id, formInt64(r, "team_id"))
	})
}

func (s *Server) linkRemove(w http.ResponseWriter, r *http.Request) {
	s.linkAction(w, r, func(id int64) (string, error) {
		k, err := s.Liaison.FindLink(r.Context(), actorOf(r), id)
		if err == nil {
			err = s.Liaison.RemoveLink(r.Context(), actorOf(r), id)
		}
		return "/rounds/" + itoa64(k.RoundID) + "?saved=1", err
	})
}
