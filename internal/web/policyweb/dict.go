package web

import (
	"net/http"

	"jiaoyan/internal/dict"
)

func (s *Server) dictList(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "dict_list", pageData("代码表", dict.Tables()))
}

type dictData struct {
	Table dict.TableInfo
	Rows  []dict.Row
}

func (s *Server) dictTable(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("table")
	var d dictData
	for _, t := range dict.Tables() {
		if t.Name == name {
			d.Table = t
		}
	}
	rows, err := s.Dict.Rows(r.Context(), name, false)
	if err != nil || d.Table.Name == "" || len(rows) == 0 {
		s.fail(w, r, errNotFound("代码表"))
		return
	}
	d.Rows = rows
	s.render(w, r, http.StatusOK, "dict_table", page{Title: d.Table.Title, Crumbs: []crumb{{"代码表", "/dicts"}, {Name: d.Table.Title}}, Data: d})
}

func (s *Server) dictSave(w http.ResponseWriter, r *http.Request) {
	table := r.PathValue("table")
	row := dict.Row{Table: table, Code: formStr(r, "code"), Name: formStr(r, "name"), Aliases: formStr(r, "aliases"),
		Sort: formInt(r, "sort"), Enabled: formBool(r, "enabled"), Version: formInt(r, "version")}
	if err := s.Dict.Save(r.Context(), actorOf(r), row); err != nil {
		s.actionError(w, r, err)
		return
	}
	redirect(w, r, "/dicts/"+urlEscape(table)+"?saved=1")
}

type calendarData struct {
	Region    string
	Regions   any
	Calendars []dict.YearCalendar
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	regions, err := s.Org.FindRegions(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reg, ok := s.policyRegion(r, regions)
	d := calendarData{Region: reg.Code, Regions: regions}
	if ok {
		d.Calendars, _ = s.Dict.Calendars(r.Context(), reg.Code)
	}
	s.render(w, r, http.StatusOK, "calendar", pageData("校历", d))
}

func (s *Server) calendarSave(w http.ResponseWriter, r *http.Request) {
	code := formStr(r, "region")
	if _, err := s.Org.FindRegionByCode(r.Context(), actorOf(r), code); err != nil {
		s.fail(w, r, err)
		return
	}
	c := dict.YearCalendar{Region: code, Year: formInt(r, "year"), Term1Start: formStr(r, "term1_start"), Term1End: formStr(r, "term1_end"),
		Term2Start: formStr(r, "term2_start"), Term2End: formStr(r, "term2_end"), Version: formInt(r, "version")}
	if err := s.Dict.SaveCalendar(r.Context(), actorOf(r), c); err != nil {
		s.actionError(w, r, err)
		return
	}
	redirect(w, r, "/calendar?saved=1&region="+urlEscape(code))
}
