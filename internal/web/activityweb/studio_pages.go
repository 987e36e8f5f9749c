package activityweb

import (
	"fmt"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
)

type studioData struct {
	Gaps             []activity.StudioGap
	Studios, Schools []activity.Choice
	Terms            []termChoice
	Unreached        int
}

// studioPage lists the schools 名师工作室 are assigned to (定点入驻) and
// whether the studio's activities reached them this term, with the form to
// assign one.
func (s *module) studioPage(w http.ResponseWriter, r *http.Request, err error) {
	t := s.termOf(r)
	gaps, e := s.Activity.StudioGaps(r.Context(), web.ActorOf(r), t)
	var studios, schools []activity.Choice
	if e == nil {
		studios, schools, e = s.Activity.StudioChoices(r.Context(), web.ActorOf(r))
	}
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	d := studioData{Gaps: gaps, Studios: studios, Schools: schools, Terms: termChoices(t)}
	for _, g := range gaps {
		if !g.Reached {
			d.Unreached++
		}
	}
	p := web.PageData("工作室定点入驻", d)
	if err != nil {
		web.FormError(w, r, "studio_stations", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "studio_stations", p)
}

func (s *module) studioStations(w http.ResponseWriter, r *http.Request) { s.studioPage(w, r, nil) }

// studioAssign assigns a studio to a school for the current 学年.
func (s *module) studioAssign(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	t := s.termOf(r)
	if err := s.Activity.AssignStudio(r.Context(), web.ActorOf(r), web.FormInt64(r, "studio_id"), web.FormInt64(r, "school_id"), t.Year); err != nil {
		s.studioPage(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/studios/stations?term=%d-%d&saved=1", t.Year, t.Half))
}
