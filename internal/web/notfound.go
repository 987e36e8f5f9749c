package web

import (
	"context"
	"net/http"

	"jiaoyan/internal/auth"
)

// notFound answers every URL no route serves with the styled 页面不存在
// page, status 404. A signed-in user (past every pending step) sees it in
// the layout with their menu; anyone else sees the bare page, which names
// nothing of the site's data.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(context.WithValue(r.Context(), serverKey, s))
	if c, err := r.Cookie(sessionCookie); err == nil {
		sess, actor, err := s.Auth.Authenticate(r.Context(), c.Value, s.clientIP(r), r.UserAgent())
		if err == nil && sess.Pending == auth.PendingNone {
			r = r.WithContext(context.WithValue(r.Context(), actorKey, actor))
		}
	}
	Render(w, r, http.StatusNotFound, "not_found", Page{Title: "页面不存在", Error: "您访问的页面不存在，可能地址有误或已被删除。"})
}
