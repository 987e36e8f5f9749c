package liaisonweb

import (
	"net/http"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// stationVisitData is the small form that records a station's 期初、期中 or
// 期末 visit, prefilled from the station.
type stationVisitData struct {
	PlanID  int64
	Station liaison.Station
	Visit   liaison.Visit
}

// stationOfPlan loads the station named in the query or form, refusing one
// of another plan.
func (s *module) stationOfPlan(r *http.Request) (int64, liaison.Station, error) {
	id, err := web.PathID(r)
	if err != nil {
		return 0, liaison.Station{}, err
	}
	if _, _, err := s.Liaison.FindStationPlan(r.Context(), web.ActorOf(r), id); err != nil {
		return 0, liaison.Station{}, err
	}
	st, err := s.Liaison.FindStation(r.Context(), web.ActorOf(r), web.FormInt64(r, "station"))
	if err == nil && st.PlanID != id {
		err = app.Errorf(app.ENOTFOUND, "找不到该蹲点安排")
	}
	return id, st, err
}

func (s *module) stationVisitForm(w http.ResponseWriter, r *http.Request) {
	id, st, err := s.stationOfPlan(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v := liaison.Visit{ResearcherID: st.ResearcherID, SchoolID: st.SchoolID, Purpose: liaison.PurposeStation,
		StartDate: time.Now().Format("2006-01-02"), StationID: st.ID, StationPhase: r.URL.Query().Get("phase")}
	web.Render(w, r, http.StatusOK, "station_visit", stationVisitPage(id, st, v))
}

func stationVisitPage(id int64, st liaison.Station, v liaison.Visit) web.Page {
	return web.Page{Title: "记录蹲点视导", Crumbs: []web.Crumb{{Name: "蹲点视导", URL: "/stations"}, {Name: "安排", URL: "/stations/" + web.Itoa64(id)}, {Name: "记录蹲点视导"}},
		Data: stationVisitData{PlanID: id, Station: st, Visit: v}}
}

func (s *module) stationVisitSave(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	id, st, err := s.stationOfPlan(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	v := liaison.Visit{ResearcherID: st.ResearcherID, SchoolID: st.SchoolID, Purpose: liaison.PurposeStation,
		StartDate: web.FormStr(r, "start_date"), EndDate: web.FormStr(r, "end_date"), Days: web.FormInt(r, "days"),
		Meetings: web.FormInt(r, "meetings"), Notes: web.FormStr(r, "notes"),
		StationID: st.ID, StationPhase: web.FormStr(r, "station_phase")}
	if v.StationPhase == "" {
		err = app.Invalid("station_phase", "请选择期初、期中或期末")
	} else {
		_, err = s.Liaison.SaveVisit(r.Context(), web.ActorOf(r), v, nil)
	}
	if err != nil {
		web.FormError(w, r, "station_visit", stationVisitPage(id, st, v), err)
		return
	}
	web.Redirect(w, r, "/stations/"+web.Itoa64(id)+"?saved=1")
}
