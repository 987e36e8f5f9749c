package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/jobs"
)

// jobMap is the column-mapping step: the job page of an import whose file
// lacked required columns posts which column each file header fills
// (h0=header, f0=field key, "-" to leave it out, "" to let the synonyms
// decide), and the same file is imported again with that mapping as a new
// job. The mapping is remembered for the region's next file once it works.
func (s *Server) jobMap(w http.ResponseWriter, r *http.Request) {
	a := ActorOf(r)
	j, k, err := s.importJobOf(r)
	var data []byte
	if err == nil {
		data, err = s.Jobs.File(r.Context(), a, j.ID, j.InputName)
	}
	if err != nil {
		Fail(w, r, err)
		return
	}
	var p importParams
	if err := decodeJSON("import parameters", j.Params, &p); err != nil {
		Fail(w, r, err)
		return
	}
	if !ParseForm(w, r) {
		return
	}
	p.Mapping = formMapping(r)
	id, err := s.Jobs.Add(r.Context(), a, importJob(k, j.InputName, data, p))
	if err != nil {
		Fail(w, r, err)
		return
	}
	name := j.InputName
	RunJob(r, id, func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
		return s.importWork(ctx, t, k, a, name, p)
	})
	Redirect(w, r, "/jobs/"+Itoa64(id))
}

// importJobOf loads the actor's import job {id} and its kind.
func (s *Server) importJobOf(r *http.Request) (jobs.Job, ImportKind, error) {
	id, err := PathID(r)
	if err != nil {
		return jobs.Job{}, ImportKind{}, err
	}
	j, err := s.Jobs.Get(r.Context(), ActorOf(r), id)
	if err != nil {
		return j, ImportKind{}, err
	}
	k, ok := s.imports[strings.TrimPrefix(j.Kind, importJobPrefix)]
	if !ok || !strings.HasPrefix(j.Kind, importJobPrefix) || j.InputName == "" {
		return j, k, app.Errorf(app.ECONFLICT, "这个任务不是导入任务")
	}
	return j, k, ActorOf(r).Require(k.Perm)
}

// formMapping reads h0/f0, h1/f1, … of the parsed form into file header
// → field key.
func formMapping(r *http.Request) map[string]string {
	out := map[string]string{}
	for i := 0; i < 500; i++ {
		n := strconv.Itoa(i)
		if !r.PostForm.Has("h" + n) {
			break
		}
		h, f := r.PostForm.Get("h"+n), r.PostForm.Get("f"+n)
		switch f {
		case "":
		case "-":
			out[h] = ""
		default:
			out[h] = f
		}
	}
	return out
}
