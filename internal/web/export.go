package web

import (
	"bytes"
	"iter"
	"net/http"

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
