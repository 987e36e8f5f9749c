package web

import (
	"net/http"
	"strings"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
)

type stationListData struct {
	Plans   []liaison.StationPlan
	Regions []org.Region
	Year    int
}

func (s *Server) stationListPage(r *http.Request) (page, error) {
	plans, err := s.Liaison.FindStationPlans(r.Context(), actorOf(r))
	d := stationListData{Plans: plans, Year: s.Policy.CurrentSchoolYear()}
	if actorOf(r).Can("region.view") {
		d.Regions, _ = s.Org.FindRegions(r.Context(), actorOf(r))
	}
	return pageData("蹲点视导", d), err
}

func (s *Server) stationList(w http.ResponseWriter, r *http.Request) {
	p, err := s.stationListPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "station_list", p)
}

func (s *Server) stationCreate(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	first := dict.Term{Year: formInt(r, "first_year"), Half: dict.Half(formInt(r, "first_half"))}
	id, err := s.Liaison.CreateStationPlan(r.Context(), actorOf(r), formStr(r, "region"), formStr(r, "name"), first, formInt(r, "terms"))
	if err != nil {
		p, _ := s.stationListPage(r)
		s.formError(w, r, "station_list", p, err)
		return
	}
	redirect(w, r, "/stations/"+itoa64(id)+"?saved=1")
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

func (s *Server) stationDetailPage(r *http.Request, id int64) (page, error) {
	p, list, err := s.Liaison.FindStationPlan(r.Context(), actorOf(r), id)
	if err != nil {
		return page{}, err
	}
	d := stationDetailData{Plan: p, Terms: p.TermList(), Manage: actorOf(r).Can("liaison.manage")}
	d.Rows = stationRows(d.Terms, list)
	if n := strings.TrimSpace(p.PlanNote); n != "" {
		d.Note = strings.Split(n, "\n")
	}
	return page{Title: p.Name, Crumbs: []crumb{{"蹲点视导", "/stations"}, {Name: p.Name}}, Data: d}, nil
}

func (s *Server) stationDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var p page
	if err == nil {
		p, err = s.stationDetailPage(r, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "station_detail", p)
}

func (s *Server) stationAction(w http.ResponseWriter, r *http.Request, run func(id int64) error) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	if err := run(id); err != nil {
		p, perr := s.stationDetailPage(r, id)
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		s.formError(w, r, "station_detail", p, err)
		return
	}
	redirect(w, r, "/stations/"+itoa64(id)+"?saved=1")
}

func (s *Server) stationPlan(w http.ResponseWriter, r *http.Request) {
	s.stationAction(w, r, func(id int64) error {
		f := liaison.TargetFilter{Rural: formBool(r, "rural"), Weak: formBool(r, "weak"), TeachingPoints: formBool(r, "points")}
		_, err := s.Liaison.PlanStations(r.Context(), actorOf(r), id, formIDs(r, "researchers"), f)
		return err
	})
}

func (s *Server) stationPublish(w http.ResponseWriter, r *http.Request) {
	s.stationAction(w, r, func(id int64) error {
		return s.Liaison.PublishStationPlan(r.Context(), actorOf(r), id, formInt(r, "version"))
	})
}
