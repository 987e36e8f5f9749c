package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"jiaoyan/internal/app"
)

// RenderForm renders form page name with status 200, or the error page
// when building the page (looking up its choices) failed: a form with
// empty choice lists would hide a database fault.
func RenderForm(w http.ResponseWriter, r *http.Request, name string, p Page, buildErr error) {
	if buildErr != nil {
		Fail(w, r, buildErr)
		return
	}
	Render(w, r, http.StatusOK, name, p)
}

// FormRetry is FormError over a form page whose building may have failed:
// the error page for buildErr, else the form again with err's message.
func FormRetry(w http.ResponseWriter, r *http.Request, name string, p Page, buildErr, err error) {
	if buildErr != nil {
		Fail(w, r, buildErr)
		return
	}
	FormError(w, r, name, p, err)
}

// ParseForm parses r's form; on a malformed or oversized body it shows the
// error page and returns false, so a handler never acts on half a form.
func ParseForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		Fail(w, r, &app.Error{Code: app.EINVALID, Message: "表单内容无法读取，请刷新页面后重新提交", Err: err})
		return false
	}
	return true
}

// decodeJSON reads a stored JSON column into v; an empty column leaves v
// as it is (a job without parameters, or not finished yet).
func decodeJSON(what, s string, v any) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return app.Internal(fmt.Errorf("web: stored %s: %w", what, err))
	}
	return nil
}
