package notifyweb

import (
	"io"
	"net/http"
	"time"

	"jiaoyan/internal/attach"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/web"
)

type noticeViewData struct {
	Notice    notify.Notice
	Files     []attach.Attachment
	CanManage bool
	Expired   bool
	Addressed bool // the reader is in the audience (may confirm 已读)
}

// noticeView shows one notice with its files and, for a 需回执 notice, the
// 已读 button.
func (s *module) noticeView(w http.ResponseWriter, r *http.Request) {
	n, id, err := web.ByID(r, s.Notify.FindNoticeByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, ctx := web.ActorOf(r), r.Context()
	d := noticeViewData{Notice: n}
	d.Expired = n.Expired(time.Now())
	if d.Files, err = s.Notify.NoticeFiles(ctx, a, id); err == nil {
		d.CanManage, err = s.Notify.CanManage(ctx, a, n)
	}
	if err == nil {
		d.Addressed, err = s.Notify.Addressed(ctx, a, n)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "notice_view", web.Page{Title: n.Title,
		Crumbs: []web.Crumb{{Name: "通知公告", URL: "/notices"}, {Name: n.Title}}, Data: d})
}

// noticeRead records the reader's 回执.
func (s *module) noticeRead(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		_, err = s.Notify.MarkRead(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/notices/"+web.Itoa64(id))
}

// noticeFile downloads a notice's file; always as an attachment, so no
// uploaded file is ever rendered as a page of the site.
func (s *module) noticeFile(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	fid := web.ParseID(r.PathValue("file")) // 0 for a malformed id: not found
	f, rc, err := s.Notify.OpenNoticeFile(r.Context(), web.ActorOf(r), id, fid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", f.Mime)
	w.Header().Set("Content-Disposition", attach.Disposition(f.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if _, err := io.Copy(w, rc); err != nil {
		web.Log(r).Warn("notice file download", "err", err)
	}
}
