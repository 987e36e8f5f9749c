package web

import "net/http"

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
