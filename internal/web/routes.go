package web

import (
	"net/http"

	"jiaoyan/internal/app"
)

// Route is one page action. Object names the kind of {id} the Route acts
// on, so the scope test can try every Route against an object the user must
// not see; Audited marks a state change that must leave one audit row.
type Route struct {
	Method, Pattern string
	Handler         http.HandlerFunc
	Public          bool     // no sign-in needed
	AllowPending    bool     // reachable whatever step is pending (sign-out); each step's own routes are in stepRoutes
	Perm            app.Perm // required permission; "" = any signed-in user
	Object          string   // kind of the {id} object: region, org, person, …; each needs a ScopeObject
	Audited         bool     // a state change: must leave exactly one audit row
}

// Routes lists every page action of the site: the kit's, then each
// module's in site order.
func (s *Server) Routes() []Route {
	all := append(s.routesSignIn(), s.routesKit()...)
	for _, m := range s.Modules {
		all = append(all, m.Routes()...)
	}
	return all
}

// routesSignIn are the routes of 登录与账号安全.
func (s *Server) routesSignIn() []Route {
	return []Route{
		{Method: "GET", Pattern: "/healthz", Handler: s.healthz, Public: true},
		{Method: "GET", Pattern: "/login", Handler: s.loginForm, Public: true},
		{Method: "POST", Pattern: "/login", Handler: s.loginSubmit, Public: true, Audited: true},
		{Method: "POST", Pattern: "/logout", Handler: s.logout, AllowPending: true, Audited: true},
		{Method: "GET", Pattern: "/login/totp", Handler: s.totpVerifyForm},
		{Method: "POST", Pattern: "/login/totp", Handler: s.totpVerifySubmit, Audited: true},
		{Method: "GET", Pattern: "/account/totp", Handler: s.totpSetupForm},
		{Method: "POST", Pattern: "/account/totp/begin", Handler: s.totpBegin, Audited: true},
		{Method: "POST", Pattern: "/account/totp", Handler: s.totpSetupSubmit, Audited: true},
		{Method: "GET", Pattern: "/account/password", Handler: s.passwordForm},
		{Method: "POST", Pattern: "/account/password", Handler: s.passwordSubmit, Audited: true},
	}
}

// routesKit are the kit's import and job pages (导入与后台任务).
func (s *Server) routesKit() []Route {
	return []Route{
		{Method: "GET", Pattern: "/import/{kind}", Handler: s.importForm},
		{Method: "GET", Pattern: "/import/{kind}/template", Handler: s.importTemplate},
		{Method: "POST", Pattern: "/import/{kind}", Handler: s.importSubmit, Audited: true},
		{Method: "GET", Pattern: "/jobs/{id}", Handler: s.jobView, Object: "job"},
		{Method: "GET", Pattern: "/jobs/{id}/report", Handler: s.jobReport, Object: "job"},
		{Method: "GET", Pattern: "/jobs/{id}/file", Handler: s.jobFile, Object: "job"},
		{Method: "POST", Pattern: "/jobs/{id}/rerun", Handler: s.jobRerun, Object: "job", Audited: true},
		{Method: "POST", Pattern: "/jobs/{id}/map", Handler: s.jobMap, Object: "job"},
	}
}
