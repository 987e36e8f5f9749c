package web

import (
	"net/http"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
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
func (s *Server) stationOfPlan(r *http.Request) (int64, liaison.Station, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, liaison.Station{}, err
	}
	if _, _, err := s.Liaison.FindStationPlan(r.Context(), actorOf(r), id); err != nil {
		return 0, liaison.Station{}, err
	}
	st, err := s.Liaison.FindStation(r.Context(), actorOf(r), formInt64(r, "station"))
	if err == nil && st.PlanID != id {
		err = app.Errorf(app.ENOTFOUND, "找不到该蹲点安排")
	}
	return id, st, err
}

func (s *Server) stationVisitForm(w http.ResponseWriter, r *http.Request) {
	id, st, err := s.stationOfPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := liaison.Visit{ResearcherID: st.ResearcherID, SchoolID: st.SchoolID, Purpose: liaison.PurposeStation,
		StartDate: time.Now().Format("2006-01-02"), StationID: st.ID, StationPhase: r.URL.Query().Get("phase")}
	s.render(w, r, http.StatusOK, "station_visit", stationVisitPage(id, st, v))
}

func stationVisitPage(id int64, st liaison.Station, v liaison.Visit) page {
	return page{Title: "记录蹲点视导", Crumbs: []crumb{{"蹲点视导", "/stations"}, {"安排", "/stations/" + itoa64(id)}, {Name: "记录蹲点视导"}},
		Data: stationVisitData{PlanID: id, Station: st, Visit: v}}
}

func (s *Server) stationVisitSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id, st, err := s.stationOfPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := liaison.Visit{ResearcherID: st.ResearcherID, SchoolID: st.SchoolID, Purpose: liaison.PurposeStation,
		StartDate: formStr(r, "start_date"), EndDate: formStr(r, "end_date"), Days: formInt(r, "days"),
		LessonsObserved: formInt(r, "lessons_observed"), Meetings: formInt(r, "meetings"), Notes: formStr(r, "notes"),
		StationID: st.ID, StationPhase: formStr(r, "station_phase")}
	if v.StationPhase == "" {
		err = app.Invalid("station_phase", "请选择期初、期中或期末")
	} else {
		_, err = s.Liaison.SaveVisit(r.Context(), actorOf(r), v, nil)
	}
	if err != nil {
		s.formError(w, r, "station_visit", stationVisitPage(id, st, v), err)
		return
	}
	redirect(w, r, "/stations/"+itoa64(id)+"?saved=1")
}
