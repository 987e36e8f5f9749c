package liaisonweb

import (
	"net/http"

	"jiaoyan/internal/web"
)

// detailLoader builds the detail page of the object with the given id.
type detailLoader func(r *http.Request, id int64) (web.Page, error)

// showDetail renders page name for the {id} in the path.
func showDetail(w http.ResponseWriter, r *http.Request, name string, load detailLoader) {
	id, err := web.PathID(r)
	var p web.Page
	if err == nil {
		p, err = load(r, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, name, p)
}

// actOnDetail parses the posted form and runs run on the {id} in the
// path. On a refusal it shows page name again with the error at its field
// and reports false; on success it returns the id, run's result and true,
// and the caller redirects.
func actOnDetail(w http.ResponseWriter, r *http.Request, name string, load detailLoader, run func(id int64) (string, error)) (int64, string, bool) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return 0, "", false
	}
	if !web.ParseForm(w, r) {
		return 0, "", false
	}
	out, err := run(id)
	if err != nil {
		p, perr := load(r, id)
		if perr != nil {
			web.Fail(w, r, perr)
			return 0, "", false
		}
		web.FormError(w, r, name, p, err)
		return 0, "", false
	}
	return id, out, true
}
