package liaisonweb

import (
	"net/http"
	"strings"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type stationListData struct {
	Plans   []liaison.StationPlan
	Regions []org.Region
	Year    int
}

func (s *module) stationListPage(r *http.Request) (web.Page, error) {
	plans, err := s.Liaison.FindStationPlans(r.Context(), web.ActorOf(r))
	d := stationListData{Plans: plans, Year: s.Policy.CurrentSchoolYear()}
	if err == nil {
		d.Regions, err = s.regions(r)
	}
	return web.PageData("蹲点视导", d), err
}

func (s *module) stationList(w http.ResponseWriter, r *http.Request) {
	p, err := s.stationListPage(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "station_list", p)
}

func (s *module) stationCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	first := dict.Term{Year: web.FormInt(r, "first_year"), Half: dict.Half(web.FormInt(r, "first_half"))}
	id, err := s.Liaison.CreateStationPlan(r.Context(), web.ActorOf(r), web.FormStr(r, "region"), web.FormStr(r, "name"), first, web.FormInt(r, "terms"))
	if err != nil {
		p, perr := s.stationListPage(r)
		if perr != nil {
			web.Fail(w, r, perr)
			return
		}
		web.FormError(w, r, "station_list", p, err)
		return
	}
	web.Redirect(w, r, "/stations/"+web.Itoa64(id)+"?saved=1")
}

// stationDetailData is the rotation table: researchers down, terms across.
type stationDetailData struct {
	Plan   liaison.StationPlan
	Terms  []dict.Term
	Rows   []stationRow
	Note   []string
	Manage bool
}

type stationRow struct {
	Researcher string
	Cells      []*stationCell // one per term, nil when vacant
}

// stationCell is one station with its 期初/期中/期末 visits.
type stationCell struct {
	Station liaison.Station
	Phases  []phaseItem
}

type phaseItem struct {
	Key, Name string
	Done      bool
}

func newCell(st liaison.Station) *stationCell {
	c := &stationCell{Station: st}
	for _, k := range []string{"opening", "midterm", "final"} {
		c.Phases = append(c.Phases, phaseItem{k, liaison.PhaseNames[k], st.Phases[k]})
	}
	return c
}

func stationRows(terms []dict.Term, list []liaison.Station) []stationRow {
	var rows []stationRow
	at := map[int64]int{}
	for i := range list {
		st := &list[i]
		k, ok := at[st.ResearcherID]
		if !ok {
			k, at[st.ResearcherID] = len(rows), len(rows)
			rows = append(rows, stationRow{Researcher: st.ResearcherName, Cells: make([]*stationCell, len(terms))})
		}
		for t, term := range terms {
			if term == st.Term {
				rows[k].Cells[t] = newCell(*st)
			}
		}
	}
	return rows
}

func (s *module) stationDetailPage(r *http.Request, id int64) (web.Page, error) {
	p, list, err := s.Liaison.FindStationPlan(r.Context(), web.ActorOf(r), id)
	if err != nil {
		return web.Page{}, err
	}
	d := stationDetailData{Plan: p, Terms: p.TermList(), Manage: web.ActorOf(r).Can(liaison.PermLiaisonManage)}
	d.Rows = stationRows(d.Terms, list)
	if n := strings.TrimSpace(p.PlanNote); n != "" {
		d.Note = strings.Split(n, "\n")
	}
	return web.Page{Title: p.Name, Crumbs: []web.Crumb{{Name: "蹲点视导", URL: "/stations"}, {Name: p.Name}}, Data: d}, nil
}

func (s *module) stationDetail(w http.ResponseWriter, r *http.Request) {
	showDetail(w, r, "station_detail", s.stationDetailPage)
}

func (s *module) stationAction(w http.ResponseWriter, r *http.Request, run func(id int64) error) {
	id, _, ok := actOnDetail(w, r, "station_detail", s.stationDetailPage, func(id int64) (string, error) { return "", run(id) })
	if !ok {
		return
	}
	web.Redirect(w, r, "/stations/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) stationPlan(w http.ResponseWriter, r *http.Request) {
	s.stationAction(w, r, func(id int64) error {
		f := liaison.TargetFilter{Rural: web.FormBool(r, "rural"), Weak: web.FormBool(r, "weak"), TeachingPoints: web.FormBool(r, "points")}
		_, err := s.Liaison.PlanStations(r.Context(), web.ActorOf(r), id, web.FormIDs(r, "researchers"), f)
		return err
	})
}

func (s *module) stationPublish(w http.ResponseWriter, r *http.Request) {
	s.stationAction(w, r, func(id int64) error {
		return s.Liaison.PublishStationPlan(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"))
	})
}
