package trainingweb

import (
	"fmt"
	"iter"
	"net/http"
	"slices"

	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

type homeData struct {
	Year     int
	Years    []int
	Mine     *training.Standing // the actor's own standing, when they are a person
	Scope    *training.ScopeStanding
	Schools  []training.SchoolRow // the page of schools shown
	People   []training.Standing  // the page of people shown (below the minimum, or all of one school)
	Pager    web.Pager
	OrgID    int64
	Below    bool
	Short    bool
	Managing bool
	YearNote string // said while the 学年 shown is still running
}

// creditsHome is 我的学分, and for managers the standing of their scope.
func (m *module) creditsHome(w http.ResponseWriter, r *http.Request) {
	a, year := web.ActorOf(r), m.yearOf(r)
	d := homeData{Year: year, Years: m.years(), Managing: manager(a), OrgID: web.ParseID(r.URL.Query().Get("org_id")),
		Below: r.URL.Query().Get("below") == "1", Short: r.URL.Query().Get("short") == "1"}
	d.YearNote = m.yearNote(year)
	if a.PersonID != 0 {
		st, err := m.Svc.FindStanding(r.Context(), a, a.PersonID, year)
		if err == nil {
			d.Mine = &st
		}
	}
	if d.Managing {
		sc, err := m.Svc.FindScopeStanding(r.Context(), a, training.StandingFilter{Year: year, OrgID: d.OrgID})
		if err != nil {
			web.Fail(w, r, err)
			return
		}
		d.Scope = &sc
		m.pageOf(r, &d)
	}
	web.Render(w, r, http.StatusOK, "credits_home", web.Page{Title: "学分", Data: d})
}

// pageOf picks the page of schools (the whole scope) or people (one school,
// or those below the yearly minimum) the page shows.
func (m *module) pageOf(r *http.Request, d *homeData) {
	off, page := web.PageOf(r)
	if d.OrgID == 0 && !d.Below && !d.Short && len(d.Scope.Schools) > 1 {
		d.Schools, d.Pager = pageSlice(d.Scope.Schools, off), web.NewPager(r.URL.Query(), page, len(d.Scope.Schools))
		return
	}
	people := d.Scope.People
	if d.Below || d.Short {
		people = slices.DeleteFunc(slices.Clone(people), func(s training.Standing) bool {
			return d.Below && !s.BelowYear || d.Short && s.CycleGap == 0
		})
	}
	d.People, d.Pager = pageSlice(people, off), web.NewPager(r.URL.Query(), page, len(people))
}

func pageSlice[T any](xs []T, off int) []T {
	if off >= len(xs) {
		return nil
	}
	return xs[off:min(len(xs), off+web.PageSize)]
}

// standingExport sends the standing of the scope (or one school, or those
// below the minimum) as the page filters it.
func (m *module) standingExport(w http.ResponseWriter, r *http.Request) {
	year := m.yearOf(r)
	f := training.StandingFilter{Year: year, OrgID: web.ParseID(r.URL.Query().Get("org_id"))}
	sc, err := m.Svc.FindScopeStanding(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	below, short := r.URL.Query().Get("below") == "1", r.URL.Query().Get("short") == "1"
	rows := func(yield func([]string) bool) {
		for _, p := range sc.People {
			if below && !p.BelowYear || short && p.CycleGap == 0 {
				continue
			}
			if !yield([]string{p.OrgName, p.Name, num(p.Counted), num(p.PerCycle), num(p.YearCredits), num(p.PerYear),
				yesNo(p.BelowYear), num(p.CycleGap), p.Words()}) {
				return
			}
		}
	}
	web.SendExport(w, r, web.Itoa(year)+"学年学分达标.xlsx", standingSpec(), iter.Seq[[]string](rows))
}

// yearNote says, for a 学年 still running, that "低于每年要求" counts the
// 学分 so far against the whole year's minimum, which can still be met.
func (m *module) yearNote(year int) string {
	pct, last, ok := m.Svc.YearProgress(year)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d学年尚未结束（至 %s，已过 %d%%）：“低于每年要求”是截至今日的学分与全年要求相比，学年结束前仍可修满。",
		year, last.Format("2006-01-02"), pct)
}
