package web

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
)

//go:embed templates
var templateFS embed.FS

// page is what every template gets: the layout fields plus Data.
type page struct {
	Title  string
	Crumbs []crumb
	Actor  app.Actor
	Menu   []menuGroup
	Errors map[string]string // field -> Chinese message
	Error  string            // a message for the whole form
	Flash  string
	Query  url.Values
	Path   string
	Data   any
}

type crumb struct{ Name, URL string }

func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset": s.assets.URL, "hasAsset": s.assets.Has,
		"date": func(t time.Time) string { return fmtTime(t, "2006-01-02") },
		"time": func(t time.Time) string { return fmtTime(t, "2006-01-02 15:04") },
		"ms":   func(ms int64) string { return fmtTime(time.UnixMilli(ms), "2006-01-02 15:04:05") },
		"join": strings.Join, "names": namesOf, "has": contains, "add": func(a, b int) int { return a + b },
		"kinds": func() map[string]string { return org.KindNames }, "stageOrder": func() []string { return org.StageOrder },
		"stageNames": func() map[string]string { return org.StageNames }, "scopeName": func(s string) string { return app.ScopeNames[s] },
		"enum": enums, "permNames": func() any { return auth.PermNames },
		"hasRole": func(roles []auth.Role, code string) bool {
			for _, r := range roles {
				if r.Code == code {
					return true
				}
			}
			return false
		},
		"permList": func(perms []string) string {
			var out []string
			for _, p := range auth.PermNames {
				if contains(perms, p.Code) {
					out = append(out, p.Name)
				}
			}
			return strings.Join(out, "、")
		},
		"scopeKinds": func() []string {
			return []string{app.ScopeAll, app.ScopeSubtree, app.ScopeOrg, app.ScopeSelf, app.ScopeCustom}
		},
		"hasID": func(ids []int64, id int64) bool {
			for _, x := range ids {
				if x == id {
					return true
				}
			}
			return false
		},
		"picker": func(name string, single bool, members []org.Member) any {
			return struct {
				Name    string
				Single  bool
				Members []org.Member
			}{name, single, members}
		},
	}
	layout, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	files, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".html")
		if name == "layout" || strings.HasPrefix(name, "partials_") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+f.Name(), "templates/partials_*.html")
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

var cst = time.FixedZone("CST", 8*3600)

func fmtTime(t time.Time, layout string) string {
	if t.IsZero() || t.Unix() <= 0 {
		return ""
	}
	return t.In(cst).Format(layout)
}

func namesOf(codes []string, names map[string]string) string {
	var out []string
	for _, c := range codes {
		if n := names[c]; n != "" {
			out = append(out, n)
		} else {
			out = append(out, c)
		}
	}
	return strings.Join(out, "、")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// enums are the code tables the forms offer, by name.
func enums(name string) map[string]string {
	return map[string]map[string]string{
		"title": org.TitleNames, "tier": org.TierNames, "education": org.EducationNames, "gender": org.GenderNames,
		"locale": org.LocaleNames, "researcher_kind": org.ResearcherKindNames, "group_kind": org.GroupKindNames,
		"studio_level": org.StudioLevelNames, "honour_level": org.HonourLevelNames, "region_level": org.RegionLevelNames,
		"stage": org.StageNames, "kind": org.KindNames,
	}[name]
}

// render writes template name with p. For an htmx request only the
// "content" block is sent.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := s.pages[name]
	if !ok {
		s.Log.Error("no template", "name", name)
		http.Error(w, "系统内部错误", http.StatusInternalServerError)
		return
	}
	p.Actor, p.Menu, p.Query, p.Path = actorOf(r), menuFor(actorOf(r)), r.URL.Query(), r.URL.Path
	if p.Flash == "" && r.URL.Query().Get("saved") == "1" {
		p.Flash = "已保存"
	}
	block := "layout"
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Boosted") != "true" {
		block = "content"
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, p); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		http.Error(w, "系统内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// statusOf maps an application error code to its HTTP status: the one
// place where that mapping lives.
func statusOf(code string) int {
	switch code {
	case app.EINVALID:
		return http.StatusUnprocessableEntity
	case app.ENOTFOUND:
		return http.StatusNotFound
	case app.EFORBIDDEN:
		return http.StatusForbidden
	case app.ECONFLICT:
		return http.StatusConflict
	case app.EUNAUTH:
		return http.StatusUnauthorized
	case app.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// fail renders an error page for err; internal errors are logged and shown
// only as a generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := app.ErrorCode(err)
	if code == app.EINTERNAL {
		s.Log.Error("internal error", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, statusOf(code), "error", page{Title: "出错了", Error: app.ErrorMessage(err)})
}

// formError renders a form again with the error at its field (or on top
// when it names none), or fails for non-input errors.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, name string, p page, err error) {
	var e *app.Error
	code := app.ErrorCode(err)
	if !errors.As(err, &e) || (code != app.EINVALID && code != app.ECONFLICT) {
		s.fail(w, r, err)
		return
	}
	if e.Field != "" {
		p.Errors = map[string]string{e.Field: e.Message}
		p.Error = "请更正标出的内容：" + e.Message
	} else {
		p.Error = e.Message
	}
	s.render(w, r, statusOf(code), name, p)
}

func urlEscape(s string) string { return url.QueryEscape(s) }
