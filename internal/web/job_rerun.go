package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/jobs"
)

// importJobPrefix starts the kind of every import job: "import.people".
const importJobPrefix = "import."

// importParams are what an import job needs besides its file; they are kept
// with the job so that 重新运行 repeats it exactly.
type importParams struct {
	Update  bool              `json:"update"`
	Mapping map[string]string `json:"mapping,omitempty"` // from the column-mapping step
}

// importJob is the job that imports file name of kind k.
func importJob(k ImportKind, name string, data []byte, params importParams) jobs.NewJob {
	p, _ := json.Marshal(params) // errcheck: a bool and a string map always marshal
	return jobs.NewJob{Kind: importJobPrefix + k.Key, Message: "排队中", Params: string(p), InputName: name, Input: data}
}

// jobRerun runs the actor's interrupted or failed import job again from
// its retained upload, as a new job, and goes to the new job's page.
func (s *Server) jobRerun(w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	a := ActorOf(r)
	var j jobs.Job
	if err == nil {
		j, err = s.Jobs.Get(r.Context(), a, id)
	}
	k, ok := s.imports[strings.TrimPrefix(j.Kind, importJobPrefix)]
	if err == nil && (!ok || !strings.HasPrefix(j.Kind, importJobPrefix)) {
		err = app.Errorf(app.ECONFLICT, "这种任务不能重新运行")
	}
	if err == nil {
		err = a.Require(k.Perm)
	}
	var again int64
	if err == nil {
		again, err = s.Jobs.Rerun(r.Context(), a, id)
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
	name := j.InputName
	RunJob(r, again, func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
		return s.importWork(ctx, t, k, a, name, p)
	})
	Redirect(w, r, "/jobs/"+Itoa64(again))
}
