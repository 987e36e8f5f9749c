package web

import (
	"net/http"
	"time"

	"jiaoyan/internal/jobs"
)

type jobData struct {
	Job     jobs.Job
	Outcome importOutcome
	Stalled bool
	Running bool
	Title   string // JobTitle of the job's kind
}

// jobView shows a job's progress; while it runs the page polls itself
// through htmx every second, so a reload or another process shows the same.
func (s *Server) jobView(w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	var j jobs.Job
	if err == nil {
		j, err = s.Jobs.Get(r.Context(), ActorOf(r), id)
	}
	if err != nil {
		Fail(w, r, err)
		return
	}
	d := jobData{Job: j, Stalled: j.Stalled(time.Now())}
	d.Running = !d.Stalled && (j.Status == jobs.Queued || j.Status == jobs.Running)
	if err := decodeJSON("job result", j.Result, &d.Outcome); err != nil {
		Fail(w, r, err)
		return
	}
	if len(d.Outcome.Errors) > 200 {
		d.Outcome.Errors = d.Outcome.Errors[:200]
	}
	title := JobTitle(j.Kind)
	d.Title = title
	Render(w, r, http.StatusOK, "job", Page{Title: title, Crumbs: []Crumb{{Name: title}}, Data: d})
}

func (s *Server) jobReport(w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	var b []byte
	if err == nil {
		b, err = s.Jobs.File(r.Context(), ActorOf(r), id, reportName)
	}
	if err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, reportName, b)
}
