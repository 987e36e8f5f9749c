package notifyweb

import (
	"net/http"

	"jiaoyan/internal/notify"
	"jiaoyan/internal/web"
)

type noticeListData struct {
	Notices    []notify.Notice
	Managed    bool
	CanPublish bool
	Q          string
	Pager      web.Pager
}

// noticeList is /notices: what is addressed to the user, pinned first;
// ?tab=managed lists the notices a publisher manages, drafts included.
func (s *module) noticeList(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	off, page := web.PageOf(r)
	d := noticeListData{CanPublish: a.Can(notify.PermNoticePublish), Q: web.FormStr(r, "q")}
	d.Managed = d.CanPublish && r.URL.Query().Get("tab") == "managed"
	ns, total, err := s.Notify.FindNotices(r.Context(), a, notify.NoticeFilter{Managed: d.Managed, Query: d.Q, Limit: web.PageSize, Offset: off})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Notices, d.Pager = ns, web.NewPager(r.URL.Query(), page, total)
	web.Render(w, r, http.StatusOK, "notice_list", web.Page{Title: "通知公告", Crumbs: []web.Crumb{{Name: "通知公告"}}, Data: d})
}
