package liaisonweb

import (
	"jiaoyan/internal/app"
	"net/http"
	"net/url"
	"strings"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
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

func (s *module) roundListPage(r *http.Request) (web.Page, error) {
	rounds, err := s.Liaison.FindRounds(r.Context(), web.ActorOf(r))
	d := roundListData{Rounds: rounds, Year: s.Policy.CurrentSchoolYear()}
	d.Form.Year = d.Year
	if err == nil {
		d.Regions, err = s.regions(r)
	}
	return web.PageData("联系学校轮次", d), err
}

func (s *module) roundList(w http.ResponseWriter, r *http.Request) {
	p, err := s.roundListPage(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "round_list", p)
}

func (s *module) roundCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	id, err := s.Liaison.CreateRound(r.Context(), web.ActorOf(r), web.FormStr(r, "region"), web.FormInt(r, "first_year"), web.FormStr(r, "name"))
	if err != nil {
		p, perr := s.roundListPage(r)
		if perr != nil {
			web.Fail(w, r, perr)
			return
		}
		d := p.Data.(roundListData)
		d.Form.Region, d.Form.Name, d.Form.Year = web.FormStr(r, "region"), web.FormStr(r, "name"), web.FormInt(r, "first_year")
		p.Data = d
		web.FormError(w, r, "round_list", p, err)
		return
	}
	web.Redirect(w, r, "/rounds/"+web.Itoa64(id)+"?saved=1")
}

// roundDetailData is everything the round page shows.
type roundDetailData struct {
	Round        liaison.Round
	Targets      []liaison.Target
	Teams        []liaison.Team
	Compliance   []liaison.LinkCompliance
	Terms        []dict.Term
	Now          dict.Term
	Manage       bool
	PlanLines    []string
	Proposals    []liaison.TeamProposal // teams the planner suggests while the teams are too few
	ProposalNote string                 // why none are proposed (本区域未设定规则：…), when the planner could not
}

func (s *module) roundDetailPage(r *http.Request, id int64) (web.Page, error) {
	ctx, a := r.Context(), web.ActorOf(r)
	rd, err := s.Liaison.FindRound(ctx, a, id)
	if err != nil {
		return web.Page{}, err
	}
	d := roundDetailData{Round: rd, Terms: rd.Terms(), Now: dict.TermOf(time.Now()), Manage: a.Can(liaison.PermLiaisonManage)}
	d.PlanLines = strings.Split(strings.TrimSpace(rd.PlanNote), "\n")
	if d.Targets, err = s.Liaison.FindTargets(ctx, a, id); err == nil {
		if d.Teams, err = s.Liaison.FindTeams(ctx, a, id); err == nil {
			d.Compliance, err = s.Liaison.RoundCompliance(ctx, a, id)
		}
	}
	if err == nil && d.Manage && rd.Editable() && len(d.Targets) > 0 {
		d.Proposals, err = s.Liaison.ProposeTeams(ctx, a, id)
		if app.ErrorCode(err) == app.EINVALID { // no spare researchers, or a rule not set: say why, propose none
			d.ProposalNote, err = app.ErrorMessage(err), nil
		}
	}
	return web.Page{Title: rd.Name, Crumbs: []web.Crumb{{Name: "联系学校轮次", URL: "/rounds"}, {Name: rd.Name}}, Data: d}, err
}

func (s *module) roundDetail(w http.ResponseWriter, r *http.Request) {
	showDetail(w, r, "round_detail", s.roundDetailPage)
}

// roundAction runs one change on the round in the path and goes back to
// the round page, or shows the round page with the error at its field.
func (s *module) roundAction(w http.ResponseWriter, r *http.Request, run func(id int64) (string, error)) {
	id, flash, ok := actOnDetail(w, r, "round_detail", s.roundDetailPage, run)
	if !ok {
		return
	}
	web.Redirect(w, r, "/rounds/"+web.Itoa64(id)+"?saved=1&note="+url.QueryEscape(flash))
}
