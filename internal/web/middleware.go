package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

const sessionCookie = "jiaoyan_session"

type ctxKey int

const (
	actorKey ctxKey = iota
	sessionKey
	tokenKey
	serverKey
)

// serverOf returns the server that is handling r; outside a server (a
// handler called directly) it is a bare server that logs with slog's default.
func serverOf(r *http.Request) *Server {
	if s, ok := r.Context().Value(serverKey).(*Server); ok {
		return s
	}
	return &Server{Log: slog.Default()}
}

// actorOf returns the signed-in actor of a request.
func ActorOf(r *http.Request) app.Actor {
	a, _ := r.Context().Value(actorKey).(app.Actor)
	return a
}

func tokenOf(r *http.Request) string {
	t, _ := r.Context().Value(tokenKey).(string)
	return t
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				s.Log.Error("panic", "path", r.URL.Path, "panic", p)
				http.Error(w, "系统内部错误", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// clientIP is the peer address, or the first X-Forwarded-For hop when the
// server is configured to trust its reverse proxy.
func (s *Server) clientIP(r *http.Request) string {
	if s.Config.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			ip, _, _ := strings.Cut(f, ",")
			return strings.TrimSpace(ip)
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) secure(r *http.Request) bool {
	return s.Config.SecureCookies || r.TLS != nil || (s.Config.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https")
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: maxAge})
}

// pendingPages is where a session with a pending step is sent.
var pendingPages = map[string]string{
	auth.PendingTOTP: "/login/totp", auth.PendingPassword: "/account/password", auth.PendingTOTPSetup: "/account/totp",
}

// stepRoutes are the routes that serve each pending step. Until every step
// is passed a session may use the routes of its current step and the
// AllowPending ones (sign-out), nothing else: with the password alone it can
// neither change the password nor enrol a second factor of its own while
// the code is still owed.
var stepRoutes = map[string][]string{
	auth.PendingTOTP:      {"GET /login/totp", "POST /login/totp"},
	auth.PendingTOTPSetup: {"GET /account/totp", "POST /account/totp/begin", "POST /account/totp"},
	auth.PendingPassword:  {"GET /account/password", "POST /account/password"},
}

// pendingBlocks reports whether a session at step may not use rt.
func pendingBlocks(step string, rt Route) bool {
	return step != auth.PendingNone && !rt.AllowPending && !slices.Contains(stepRoutes[step], rt.Method+" "+rt.Pattern)
}

// wrap applies a route's access rule: public routes pass; others need a
// signed-in session that has cleared its pending step and holds rt.Perm.
func (s *Server) wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(context.WithValue(r.Context(), serverKey, s))
		if rt.Public {
			rt.Handler(w, r)
			return
		}
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			s.toLogin(w, r)
			return
		}
		sess, actor, err := s.Auth.Authenticate(r.Context(), c.Value, s.clientIP(r), r.UserAgent())
		if err != nil {
			s.setSessionCookie(w, r, "", -1)
			s.toLogin(w, r)
			return
		}
		ctx := context.WithValue(r.Context(), actorKey, actor)
		ctx = context.WithValue(ctx, sessionKey, sess)
		r = r.WithContext(context.WithValue(ctx, tokenKey, c.Value))
		if pendingBlocks(sess.Pending, rt) {
			s.toStep(w, r, pendingPages[sess.Pending])
			return
		}
		if rt.Perm != "" && !actor.Can(rt.Perm) {
			Fail(w, r, app.Errorf(app.EFORBIDDEN, "您没有访问此页面的权限"))
			return
		}
		rt.Handler(w, r)
	})
}

// toStep sends a session to the page of its pending step.
func (s *Server) toStep(w http.ResponseWriter, r *http.Request, page string) {
	if page == "" {
		page = "/login"
	}
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", page)
		w.WriteHeader(http.StatusForbidden)
		return
	}
	http.Redirect(w, r, page, http.StatusSeeOther)
}

func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", "/login")
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+urlEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// Log is the logger of the server handling r.
func Log(r *http.Request) *slog.Logger { return serverOf(r).Log }
