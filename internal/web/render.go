package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
)

//go:embed templates
var templateFS embed.FS

// page is what every template gets: the layout fields plus Data.
type Page struct {
	Title  string
	Crumbs []Crumb
	Actor  app.Actor
	Menu   []MenuGroup
	Errors map[string]string // field -> Chinese message
	Error  string            // a message for the whole form
	Flash  string
	Query  url.Values
	Path   string
	Nav    template.HTML // the side menu of Menu, Path marked (menu.go)
	Data   any
	// TodoCount is the signed-in user's open 待办, the header badge.
	TodoCount int
}

type Crumb struct{ Name, URL string }

func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset": s.assets.URL, "hasAsset": s.assets.Has,
		"date": func(t time.Time) string { return FmtTime(t, "2006-01-02") },
		"time": func(t time.Time) string { return FmtTime(t, "2006-01-02 15:04") },
		"ms":   func(ms int64) string { return FmtTime(time.UnixMilli(ms), "2006-01-02 15:04:05") },
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
		"permList": func(perms []app.Perm) string {
			var out []string
			for _, p := range auth.PermNames {
				if slices.Contains(perms, p.Code) {
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
	layout, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials_*.html")
	if err != nil {
		return nil, err
	}
	if s.navT, err = layout.Clone(); err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	sources := []fs.FS{templateFS}
	for _, m := range s.Modules {
		sources = append(sources, m.Templates())
	}
	for _, src := range sources {
		if err := parsePages(layout, src, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parsePages adds each templates/<name>.html of src (but the layout and
// partials) to out as <name>, parsed over the layout; a name already in out
// is an error, so two modules cannot shadow each other's pages.
func parsePages(layout *template.Template, src fs.FS, out map[string]*template.Template) error {
	files, err := fs.Glob(src, "templates/*.html")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || strings.HasPrefix(name, "partials_") {
			continue
		}
		if _, dup := out[name]; dup {
			return fmt.Errorf("web: template %q is defined twice", name)
		}
		t, err := template.Must(layout.Clone()).ParseFS(src, f)
		if err != nil {
			return err
		}
		out[name] = t
	}
	return nil
}

// PageData is a page titled title, with one crumb of that title, showing data.
func PageData(title string, data any) Page {
	return Page{Title: title, Crumbs: []Crumb{{Name: title}}, Data: data}
}

// CST is China Standard Time, the zone every date on a page is shown in.
var CST = time.FixedZone("CST", 8*3600)

// FmtTime formats t in CST; a zero or pre-1970 time is empty.
func FmtTime(t time.Time, layout string) string {
	if t.IsZero() || t.Unix() <= 0 {
		return ""
	}
	return t.In(CST).Format(layout)
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
func enums(name string) map[string]string { return enumTables[name] }

// enumTables is built once: a form's every select asked for it, and the
// table of tables was built anew each time.
var enumTables = map[string]map[string]string{
	"title": org.TitleNames, "tier": org.TierNames, "education": org.EducationNames, "gender": org.GenderNames,
	"locale": org.LocaleNames, "researcher_kind": org.ResearcherKindNames, "group_kind": org.GroupKindNames,
	"studio_level": org.StudioLevelNames, "honour_level": org.HonourLevelNames, "region_level": org.RegionLevelNames,
	"stage": org.StageNames, "kind": org.KindNames,
}

// Render writes template name with p. For an htmx request only the
// "content" block is sent.
func Render(w http.ResponseWriter, r *http.Request, status int, name string, p Page) {
	s := serverOf(r)
	t, ok := s.pages[name]
	if !ok {
		s.Log.Error("no template", "name", name)
		http.Error(w, "系统内部错误", http.StatusInternalServerError)
		return
	}
	block := "layout"
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Boosted") != "true" {
		block = "content"
	}
	p.Actor, p.Menu, p.Query, p.Path = ActorOf(r), s.menuFor(ActorOf(r)), r.URL.Query(), r.URL.Path
	if block == "layout" && p.Actor.UserID != 0 {
		p.Nav = s.navHTML(p.Menu, p.Path)
	}
	if p.Flash == "" && r.URL.Query().Get("saved") == "1" {
		p.Flash = "已保存"
	}
	if block == "layout" && p.Actor.UserID != 0 && s.TodoCount != nil {
		p.TodoCount = s.TodoCount(r.Context(), p.Actor)
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	if err := t.ExecuteTemplate(buf, block, p); err != nil {
		s.Log.Error("render", "template", name, "err", err)
		http.Error(w, "系统内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	buf.WriteTo(w) // errcheck: the client went away; nothing to tell it
}

// renderBuffers hold rendered pages between requests, so a page is not
// written into a buffer grown from nothing (a list page's 20–40 KB took
// ten doublings, each a fresh allocation for the collector).
var renderBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

// putRenderBuffer returns buf to the pool, unless a huge page grew it.
func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	renderBuffers.Put(buf)
}

// StatusOf maps an application error code to its HTTP status: the one
// place where that mapping lives.
func StatusOf(code string) int {
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

// Fail renders an error page for err; internal errors are logged and shown
// only as a generic message.
func Fail(w http.ResponseWriter, r *http.Request, err error) {
	code := app.ErrorCode(err)
	if code == app.EINTERNAL {
		serverOf(r).Log.Error("internal error", "path", r.URL.Path, "err", err)
	}
	if code == app.ENOTFOUND {
		Render(w, r, http.StatusNotFound, "not_found", Page{Title: "页面不存在", Error: app.ErrorMessage(err)})
		return
	}
	Render(w, r, StatusOf(code), "error", Page{Title: "出错了", Error: app.ErrorMessage(err)})
}

// FormError renders a form again with the error at its field (or on top
// when it names none), or fails for non-input errors.
func FormError(w http.ResponseWriter, r *http.Request, name string, p Page, err error) {
	var e *app.Error
	code := app.ErrorCode(err)
	if !errors.As(err, &e) || (code != app.EINVALID && code != app.ECONFLICT) {
		Fail(w, r, err)
		return
	}
	if e.Field != "" {
		p.Errors = map[string]string{e.Field: e.Message}
		p.Error = "请更正标出的内容：" + e.Message
	} else {
		p.Error = e.Message
	}
	Render(w, r, StatusOf(code), name, p)
}

func urlEscape(s string) string { return url.QueryEscape(s) }
