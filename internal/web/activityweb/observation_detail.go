package activityweb

import (
	"fmt"
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
)

type obsData struct {
	O        activity.Observation
	Mine     bool // the observer's own draft: the form
	Teacher  bool // the observed teacher: may respond
	Coding   activity.Coding
	CodingOK bool
	RuleErr  string // the rule the region has not set, for the coding figures
	STChart  chartSVG
	Saved    string
}

// obsLoad reads a record with its coding figures for the page.
func (s *module) obsLoad(r *http.Request) (obsData, error) {
	o, _, err := web.ByID(r, s.Activity.FindObservationByID)
	if err != nil {
		return obsData{}, err
	}
	a := web.ActorOf(r)
	d := obsData{O: o, Mine: !o.Submitted() && o.ObserverID == a.PersonID, Teacher: o.Submitted() && o.TeacherID == a.PersonID}
	c, err := s.Activity.Analyse(r.Context(), o)
	if err != nil {
		d.RuleErr = appMessage(err)
	} else {
		d.Coding, d.CodingOK = c, true
		d.STChart = stCharts(c)
	}
	return d, nil
}

func (s *module) obsPage(w http.ResponseWriter, r *http.Request, d obsData, err error) {
	name := "observation_view"
	if d.Mine {
		name = "observation_edit"
	}
	p := web.Page{Title: d.O.Topic, Crumbs: []web.Crumb{{Name: "听课评课", URL: "/observations"}, {Name: d.O.Topic}}, Data: d}
	if err != nil {
		web.FormError(w, r, name, p, err)
		return
	}
	web.Render(w, r, http.StatusOK, name, p)
}

// obsDetail is the observer's form while a draft, else the record.
func (s *module) obsDetail(w http.ResponseWriter, r *http.Request) {
	d, err := s.obsLoad(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.obsPage(w, r, d, nil)
}

// draftOf reads the scoring form.
func draftOf(r *http.Request, id int64) activity.Draft {
	d := activity.Draft{ID: id, Version: web.FormInt(r, "version"), Diagnosis: r.FormValue("diagnosis"), Suggestion: r.FormValue("suggestion"),
		Followup: r.FormValue("followup")}
	for i := 0; ; i++ {
		k := "score_" + strconv.Itoa(i)
		if _, ok := r.Form[k]; !ok {
			break
		}
		lv := -1
		if v := web.FormStr(r, k); v != "" {
			if n, err := strconv.Atoi(v); err == nil {
				lv = n
			}
		}
		d.Levels = append(d.Levels, lv)
		d.Comments = append(d.Comments, r.FormValue("comment_"+strconv.Itoa(i)))
	}
	return d
}

// obsDraft saves the form as it is typed. From htmx it answers the small
// "已自动保存" status with the new version; otherwise it reloads the form.
func (s *module) obsDraft(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	v, err := s.Activity.SaveDraft(r.Context(), web.ActorOf(r), draftOf(r, id), false)
	if r.Header.Get("HX-Request") != "true" {
		if err != nil {
			d, e := s.obsLoad(r)
			if e != nil {
				web.Fail(w, r, e)
				return
			}
			s.obsPage(w, r, d, err)
			return
		}
		web.Redirect(w, r, fmt.Sprintf("/observations/%d?saved=1", id))
		return
	}
	st := savedStatus{Version: v, At: s.now().In(activity.CST).Format("15:04:05")}
	if err != nil {
		if _, e := s.Activity.FindObservationByID(r.Context(), web.ActorOf(r), id); e != nil {
			web.Fail(w, r, e)
			return
		}
		st.Error = appMessage(err)
	}
	web.Render(w, r, http.StatusOK, "observation_saved", web.Page{Data: st})
}

type savedStatus struct {
	Version int
	At      string
	Error   string
}

// obsSubmit submits the record.
func (s *module) obsSubmit(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if _, err := s.Activity.SaveDraft(r.Context(), web.ActorOf(r), draftOf(r, id), true); err != nil {
		d, e := s.obsLoad(r)
		if e != nil {
			web.Fail(w, r, e)
			return
		}
		s.obsPage(w, r, keepTyped(d, draftOf(r, id)), err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/observations/%d?saved=1", id))
}

// keepTyped shows the refused form as typed.
func keepTyped(d obsData, dr activity.Draft) obsData {
	d.O.Diagnosis, d.O.Suggestion, d.O.Followup = dr.Diagnosis, dr.Suggestion, dr.Followup
	d.O.Scores = make([]activity.Score, len(dr.Levels))
	for i := range dr.Levels {
		d.O.Scores[i] = activity.Score{Level: dr.Levels[i], Comment: dr.Comments[i]}
	}
	return d
}

// obsRespond saves the observed teacher's response.
func (s *module) obsRespond(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := s.Activity.Respond(r.Context(), web.ActorOf(r), id, web.FormStr(r, "response")); err != nil {
		d, e := s.obsLoad(r)
		if e != nil {
			web.Fail(w, r, e)
			return
		}
		s.obsPage(w, r, d, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/observations/%d?saved=1", id))
}
