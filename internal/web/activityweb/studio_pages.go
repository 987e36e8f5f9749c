package activityweb

import (
	"context"
	"fmt"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

type studioData struct {
	Gaps             []activity.StudioGap
	Studios, Schools []activity.Choice
	Terms            []termChoice
	TermKey          string // the ?term= value of the export links
	Total, Unreached int    // all assignments; the unreached weak schools
}

// studioPage lists the schools 名师工作室 are assigned to (定点入驻) and
// whether the studio's activities reached them this term, with the form to
// assign one.
func (s *module) studioPage(w http.ResponseWriter, r *http.Request, err error) {
	t := s.termOf(r)
	gaps, total, unreached, e := s.Activity.StudioGaps(r.Context(), web.ActorOf(r), t)
	var studios, schools []activity.Choice
	if e == nil {
		studios, schools, e = s.Activity.StudioChoices(r.Context(), web.ActorOf(r))
	}
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	d := studioData{Gaps: gaps, Studios: studios, Schools: schools, Terms: termChoices(t), TermKey: fmt.Sprintf("%d-%d", t.Year, t.Half),
		Total: total, Unreached: unreached}
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

// studioExport sends the term's assignments as Excel, all of them, or with
// ?weak=1 only the weak schools no studio activity reached this term.
func (s *module) studioExport(w http.ResponseWriter, r *http.Request) {
	t, weak := s.termOf(r), r.URL.Query().Get("weak") == "1"
	name := "工作室定点入驻.xlsx"
	if weak {
		name = "本学期尚无工作室活动的薄弱学校.xlsx"
	}
	read := func(ctx context.Context, actor app.Actor, p activity.ListPage) ([]activity.StudioGap, int, error) {
		return s.Activity.StudioGapPage(ctx, actor, t, weak, p)
	}
	sendWhole(w, r, name, []string{"工作室", "入驻学校", "薄弱学校", "本学期工作室活动"}, read, func(g activity.StudioGap) []string {
		done := "尚未开展"
		if g.Reached {
			done = "已开展"
		}
		return []string{g.Studio, g.School, web.YesNoText(g.Weak), done}
	})
}
