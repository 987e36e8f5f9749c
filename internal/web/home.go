package web

import (
	"encoding/json"
	"net/http"

	"jiaoyan/internal/org"
)

type homeData struct {
	Counts    org.Counts
	ChartJSON string
	ScopeName string
}

// home is each role's start page: counts of schools, teachers and
// researchers in the user's scope, and teachers by 职称 as a chart.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	a := ActorOf(r)
	c, err := s.Org.CountInScope(r.Context(), a)
	if err != nil {
		Fail(w, r, err)
		return
	}
	names, values := []string{}, []int{}
	for _, nc := range c.ByTitle {
		names, values = append(names, nc.Name), append(values, nc.Count)
	}
	chart, _ := json.Marshal(map[string]any{"title": "在职人员职称结构", "type": "bar", "names": names, "values": values})
	scope := "本人"
	switch {
	case a.Scope.All:
		scope = "全部"
	case len(a.Scope.Prefixes) > 0 || len(a.Scope.OrgIDs) > 0:
		scope = "本单位及下级"
	}
	Render(w, r, http.StatusOK, "home", Page{Title: "首页", Data: homeData{Counts: c, ChartJSON: string(chart), ScopeName: scope}})
}
