package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
)

// pathID parses the {id} path value; a malformed id is ENOTFOUND.
func PathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.Errorf(app.ENOTFOUND, "找不到该记录")
	}
	return id, nil
}

func FormStr(r *http.Request, k string) string { return strings.TrimSpace(r.FormValue(k)) }

func FormInt(r *http.Request, k string) int {
	n, _ := strconv.Atoi(FormStr(r, k))
	return n
}

func FormInt64(r *http.Request, k string) int64 {
	n, _ := strconv.ParseInt(FormStr(r, k), 10, 64)
	return n
}

func FormBool(r *http.Request, k string) bool {
	v := FormStr(r, k)
	return v == "1" || v == "on" || v == "true"
}

// formList returns the non-empty values of a repeated field, and of a
// comma or 、 separated single field.
func FormList(r *http.Request, k string) []string {
	var out []string
	for _, v := range r.Form[k] {
		for _, part := range strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == '、' || c == '，' }) {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func FormIDs(r *http.Request, k string) []int64 {
	var out []int64
	for _, v := range r.Form[k] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func Redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", to)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func Itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func ParseID(v string) int64 {
	n, _ := strconv.ParseInt(v, 10, 64)
	return n
}

func ErrNotFound(what string) error { return app.Errorf(app.ENOTFOUND, "找不到该%s", what) }

func ErrInvalid(field, msg string) error { return app.Invalid(field, "%s", msg) }

// ActionError shows why a one-button action (no form to re-render) failed.
func ActionError(w http.ResponseWriter, r *http.Request, err error) {
	c := app.ErrorCode(err)
	if c == app.EINVALID || c == app.ECONFLICT {
		Render(w, r, StatusOf(c), "error", Page{Title: "操作未完成", Error: app.ErrorMessage(err)})
		return
	}
	Fail(w, r, err)
}

// finder is a service's FindXByID.
type Finder[T any] func(ctx context.Context, actor app.Actor, id int64) (T, error)

// byID loads the {id} object of the request through find, in the signed-in
// user's scope: a malformed id or an object out of scope is ENOTFOUND.
func ByID[T any](r *http.Request, find Finder[T]) (T, int64, error) {
	id, err := PathID(r)
	if err != nil {
		var zero T
		return zero, 0, err
	}
	v, err := find(r.Context(), ActorOf(r), id)
	return v, id, err
}
