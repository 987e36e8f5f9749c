// Package web is the kit every page of jiaoyan uses: the server, its
// middleware (sessions, pending step, permission check, CSRF, security
// headers, panic recovery), the layout templates, sign-in, the job page and
// the exported helpers module packages call (Render, Fail, form parsing,
// the pager, the Route type, the menu registry, imports and RunJob).
// Each module's pages live in internal/web/<module>web and register with
// the kit as a Module; internal/web/site assembles them into one server.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
)

// Server holds what the kit's own pages call and the modules of the site.
type Server struct {
	Auth    *auth.Service
	Org     *org.Service
	Jobs    *jobs.Store
	Config  config.Config
	Log     *slog.Logger
	Modules []Module
	// Health reports the schema version, or an error while the database is
	// unreachable.
	Health func(r *http.Request) (int, error)
	// TodoCount, if set, is the number on the header's 待办 badge.
	TodoCount func(ctx context.Context, a app.Actor) int

	pages   map[string]*template.Template
	assets  *assets
	imports map[string]ImportKind
	// menuPerms is the permission of each menu item's page.
	menuPerms map[string]app.Perm
	panels    []PersonPanel // the modules' sections of the person page
	handler   http.Handler
	// navT renders the side menu; nav keeps what it rendered (menu.go).
	navT    *template.Template
	nav     sync.Map
	navKept atomic.Int64
}

// Init builds the whole site: routes, sessions, CSRF protection and
// security headers. It fails when two modules define the same page or
// import kind. Call it once, before ServeHTTP.
func (s *Server) Init() error {
	h, err := s.build()
	s.handler = h
	return err
}

// ServeHTTP serves the site built by Init.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) build() (http.Handler, error) {
	if s.Log == nil {
		s.Log = slog.Default()
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	if s.imports, err = s.collectImports(); err != nil {
		return nil, err
	}
	if s.menuPerms, err = s.collectMenuPerms(); err != nil {
		return nil, err
	}
	if err = s.checkKeys(); err != nil {
		return nil, err
	}
	if s.panels, err = s.collectPanels(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, rt := range s.Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	mux.Handle("GET /static/", s.assets)
	mux.HandleFunc("/", s.notFound)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "请求来源校验失败（跨站请求被拒绝），请刷新页面后重试", http.StatusForbidden)
	}))
	return s.recoverPanics(securityHeaders(csrf.Handler(mux))), nil
}
