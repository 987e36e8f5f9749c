package policyweb

import (
	"net/http"
	"net/url"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
)

func (s *module) dictList(w http.ResponseWriter, r *http.Request) {
	web.Render(w, r, http.StatusOK, "dict_list", web.PageData("代码表", dict.Tables()))
}

type dictData struct {
	Table dict.TableInfo
	Rows  []dict.Row
}

func (s *module) dictTable(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("table")
	var d dictData
	for _, t := range dict.Tables() {
		if t.Name == name {
			d.Table = t
		}
	}
	rows, err := s.Dict.Rows(r.Context(), name, false)
	if err != nil || d.Table.Name == "" || len(rows) == 0 {
		web.Fail(w, r, web.ErrNotFound("代码表"))
		return
	}
	d.Rows = rows
	web.Render(w, r, http.StatusOK, "dict_table", web.Page{Title: d.Table.Title, Crumbs: []web.Crumb{{Name: "代码表", URL: "/dicts"}, {Name: d.Table.Title}}, Data: d})
}

func (s *module) dictSave(w http.ResponseWriter, r *http.Request) {
	table := r.PathValue("table")
	row := dict.Row{Table: table, Code: web.FormStr(r, "code"), Name: web.FormStr(r, "name"), Aliases: web.FormStr(r, "aliases"),
		Sort: web.FormInt(r, "sort"), Enabled: web.FormBool(r, "enabled"), Version: web.FormInt(r, "version")}
	if err := s.Dict.Save(r.Context(), web.ActorOf(r), row); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/dicts/"+url.QueryEscape(table)+"?saved=1")
}

type calendarData struct {
	Region    string
	Regions   any
	Calendars []dict.YearCalendar
}

func (s *module) calendarPage(w http.ResponseWriter, r *http.Request) {
	regions, err := s.Org.FindRegions(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	reg, ok := s.policyRegion(r, regions)
	d := calendarData{Region: reg.Code, Regions: regions}
	if ok {
		if d.Calendars, err = s.Dict.Calendars(r.Context(), reg.Code); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	web.Render(w, r, http.StatusOK, "calendar", web.PageData("校历", d))
}

func (s *module) calendarSave(w http.ResponseWriter, r *http.Request) {
	code := web.FormStr(r, "region")
	if _, err := s.Org.FindRegionByCode(r.Context(), web.ActorOf(r), code); err != nil {
		web.Fail(w, r, err)
		return
	}
	c := dict.YearCalendar{Region: code, Year: web.FormInt(r, "year"), Term1Start: web.FormStr(r, "term1_start"), Term1End: web.FormStr(r, "term1_end"),
		Term2Start: web.FormStr(r, "term2_start"), Term2End: web.FormStr(r, "term2_end"), Version: web.FormInt(r, "version")}
	if err := s.Dict.SaveCalendar(r.Context(), web.ActorOf(r), c); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/calendar?saved=1&region="+url.QueryEscape(code))
}
