package web

import (
	"net/http"
	"strings"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
)

type roundListData struct {
	Rounds  []liaison.Round
	Regions []org.Region
	Year    int
	Form    struct {
		Region, Name string
		Year         int
	}
}

func (s *Server) roundListPage(r *http.Request) (page, error) {
	rounds, err := s.Liaison.FindRounds(r.Context(), actorOf(r))
	d := roundListData{Rounds: rounds, Year: s.Policy.CurrentSchoolYear()}
	d.Form.Year = d.Year
	if actorOf(r).Can("region.view") {
		d.Regions, _ = s.Org.FindRegions(r.Context(), actorOf(r))
	}
	return pageData("联系学校轮次", d), err
}

func (s *Server) roundList(w http.ResponseWriter, r *http.Request) {
	p, err := s.roundListPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "round_list", p)
}

func (s *Server) roundCreate(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id, err := s.Liaison.CreateRound(r.Context(), actorOf(r), formStr(r, "region"), formInt(r, "first_year"), formStr(r, "name"))
	if err != nil {
		p, _ := s.roundListPage(r)
		d := p.Data.(roundListData)
		d.Form.Region, d.Form.Name, d.Form.Year = formStr(r, "region"), formStr(r, "name"), formInt(r, "first_year")
		p.Data = d
		s.formError(w, r, "round_list", p, err)
		return
	}
	redirect(w, r, "/rounds/"+itoa64(id)+"?saved=1")
}

// roundDetailData is everything the round page shows.
type roundDetailData struct {
	Round      liaison.Round
	Targets    []liaison.Target
	Teams      []liaison.Team
	Compliance []liaison.LinkCompliance
	Terms      []dict.Term
	Now        dict.Term
	Manage     bool
	PlanLines  []string
}

func (s *Server) roundDetailPage(r *http.Request, id int64) (page, error) {
	ctx, a := r.Context(), actorOf(r)
	rd, err := s.Liaison.FindRound(ctx, a, id)
	if err != nil {
		return page{}, err
	}
	d := roundDetailData{Round: rd, Terms: rd.Terms(), Now: dict.TermOf(time.Now()), Manage: a.Can("liaison.manage")}
	d.PlanLines = strings.Split(strings.TrimSpace(rd.PlanNote), "\n")
	if d.Targets, err = s.Liaison.FindTargets(ctx, a, id); err == nil {
		if d.Teams, err = s.Liaison.FindTeams(ctx, a, id); err == nil {
			d.Compliance, err = s.Liaison.RoundCompliance(ctx, a, id)
		}
	}
	return page{Title: rd.Name, Crumbs: []crumb{{"联系学校轮次", "/rounds"}, {Name: rd.Name}}, Data: d}, err
}

func (s *Server) roundDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var p page
	if err == nil {
		p, err = s.roundDetailPage(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "round_detail", p)
}

// roundAction runs one change on the round in the path and goes back to
// the round page, or shows the round page with the error at its field.
func (s *Server) roundAction(w http.ResponseWriter, r *http.Request, run func(id int64) (string, error)) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	flash, err := run(id)
	if err != nil {
		p, perr := s.roundDetailPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		s.formError(w, r, "round_detail", p, err)
		return
	}
	redirect(w, r, "/rounds/"+itoa64(id)+"?saved=1&note="+urlEscape(flash))
}
