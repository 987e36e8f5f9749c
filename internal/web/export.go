package web

import (
	"bytes"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
)

const maxExport = 200000

func exportColumns(spec exchange.Spec) []exchange.ExportColumn {
	cols := make([]exchange.ExportColumn, len(spec.Columns))
	for i, c := range spec.Columns {
		cols[i] = exchange.ExportColumn{Header: c.Header, Kind: c.Kind, Width: c.Width}
	}
	return cols
}

// exportPeople downloads the people list as filtered on the page, masked
// as the page masks it, in the import template's columns (so an export can
// be edited and imported back with 更新已有记录).
func (s *Server) exportPeople(w http.ResponseWriter, r *http.Request) {
	f := personFilterOf(r)
	f.Limit = maxExport
	people, _, err := s.Org.FindPeople(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := iter.Seq[[]string](func(yield func([]string) bool) {
		for _, p := range people {
			if !yield(org.PersonRecord(p)) {
				return
			}
		}
	})
	s.sendExport(w, r, "人员名单.xlsx", org.PersonSpec(), rows)
}

func (s *Server) exportOrgs(w http.ResponseWriter, r *http.Request) {
	f := orgFilterOf(r)
	f.Limit = maxExport
	orgs, _, err := s.Org.FindOrgs(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	codes := map[int64]string{}
	for _, o := range orgs {
		codes[o.ID] = o.SchoolCode
	}
	rows := iter.Seq[[]string](func(yield func([]string) bool) {
		for _, o := range orgs {
			if !yield(org.OrgRecord(o, codes[o.ParentID])) {
				return
			}
		}
	})
	s.sendExport(w, r, "机构与学校.xlsx", org.OrgSpec(), rows)
}

func (s *Server) sendExport(w http.ResponseWriter, r *http.Request, name string, spec exchange.Spec, rows iter.Seq[[]string]) {
	var buf bytes.Buffer
	if err := exchange.Export(&buf, spec.Name, exportColumns(spec), rows); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, name, buf.Bytes())
}

// table is a simple export: headers and the rows under them.
func (s *Server) sendTable(w http.ResponseWriter, r *http.Request, name string, headers []string, rows [][]string) {
	cols := make([]exchange.ExportColumn, len(headers))
	for i, h := range headers {
		cols[i] = exchange.ExportColumn{Header: h}
	}
	var buf bytes.Buffer
	if err := exchange.Export(&buf, strings.TrimSuffix(name, ".xlsx"), cols, slices.Values(rows)); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, name, buf.Bytes())
}

func (s *Server) exportRegions(w http.ResponseWriter, r *http.Request) {
	regions, err := s.Org.FindRegions(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var rows [][]string
	for _, g := range regions {
		rows = append(rows, []string{g.Code, g.Name, g.LevelName(), g.ParentCode, yesNoText(g.Mountain)})
	}
	s.sendTable(w, r, "行政区域.xlsx", []string{"区划代码", "名称", "级别", "上级区划代码", "山区县"}, rows)
}

func (s *Server) exportGroups(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	groups, _, err := s.Org.FindGroups(r.Context(), actorOf(r), org.GroupFilter{OrgID: parseID(q.Get("org_id")), Kind: q.Get("kind"),
		Text: q.Get("q"), Limit: maxExport})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var rows [][]string
	for _, g := range groups {
		rows = append(rows, []string{g.OrgName, g.Name, g.KindName(), g.Subject, org.StageNames[g.Stage], g.LeaderName, g.FiledOn})
	}
	s.sendTable(w, r, "教研组.xlsx", []string{"学校", "教研组名称", "类型", "学科", "学段", "组长", "报备日期"}, rows)
}

func (s *Server) exportStudios(w http.ResponseWriter, r *http.Request) {
	list, err := s.Org.FindStudios(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var rows [][]string
	for _, st := range list {
		rows = append(rows, []string{st.Name, st.LevelName(), st.HostName, st.OrgName, st.Subject, org.StageNames[st.Stage], itoa(st.FoundedYear)})
	}
	s.sendTable(w, r, "名师工作室.xlsx", []string{"名称", "级别", "领衔人", "依托单位", "学科", "学段", "成立年份"}, rows)
}

func yesNoText(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
