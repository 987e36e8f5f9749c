// Package web serves jiaoyan's pages: server-rendered HTML (html/template),
// htmx for partial updates, ECharts for charts. Handlers parse a form, call
// one service method and render or redirect; services enforce permissions
// and data scope. Routes are all in routes.go.
package web

import (
	"html/template"
	"log/slog"
	"net/http"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// Server holds the services the pages call.
type Server struct {
	Auth    *auth.Service
	Org     *org.Service
	Audit   *audit.Service
	Jobs    *jobs.Store
	Policy  *policy.Service
	Dict    *dict.Store
	Liaison *liaison.Service
	Config  config.Config
	Log     *slog.Logger
	// Health reports the schema version, or an error while the database is
	// unreachable.
	Health func(r *http.Request) (int, error)

	pages  map[string]*template.Template
	assets *assets
}

// Handler returns the whole site: routes, sessions, CSRF protection and
// security headers.
func (s *Server) Handler() (http.Handler, error) {
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
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	mux.Handle("GET /static/", s.assets)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "请求来源校验失败（跨站请求被拒绝），请刷新页面后重试", http.StatusForbidden)
	}))
	return s.recoverPanics(securityHeaders(csrf.Handler(mux))), nil
}
