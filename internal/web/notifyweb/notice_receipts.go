package notifyweb

import (
	"bytes"
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/web"
)

type receiptsData struct {
	Notice      notify.Notice
	ByOrg       []notify.OrgReceipts
	Total       int
	Read        int
	UnreadCount int
	Unread      []notify.Recipient
	UnreadOnly  bool
	Pager       web.Pager
}

// noticeReceipts is the 回执 page of a notice the user manages: read and
// unread per organisation and the list of who has not read (?all=1: every
// recipient); ?export=1 downloads the list as Excel.
func (s *module) noticeReceipts(w http.ResponseWriter, r *http.Request) {
	n, id, err := web.ByID(r, s.Notify.FindNoticeByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, ctx := web.ActorOf(r), r.Context()
	f := notify.RecipientFilter{UnreadOnly: r.URL.Query().Get("all") != "1"}
	if r.URL.Query().Get("export") == "1" {
		var buf bytes.Buffer
		if err := s.Notify.ExportRecipients(ctx, a, id, f, &buf); err != nil {
			web.Fail(w, r, err)
			return
		}
		web.SendXLSX(w, "回执-"+n.Title+".xlsx", buf.Bytes())
		return
	}
	d := receiptsData{Notice: n, UnreadOnly: f.UnreadOnly}
	if d.ByOrg, err = s.Notify.ReceiptsByOrg(ctx, a, id); err != nil {
		web.Fail(w, r, err)
		return
	}
	for _, o := range d.ByOrg {
		d.Total, d.Read = d.Total+o.Total, d.Read+o.Read
	}
	d.UnreadCount = d.Total - d.Read
	off, page := web.PageOf(r)
	f.Limit, f.Offset = web.PageSize, off
	rows, total, err := s.Notify.Recipients(ctx, a, id, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Unread, d.Pager = rows, web.NewPager(r.URL.Query(), page, total)
	web.Render(w, r, http.StatusOK, "notice_receipts", web.Page{Title: "回执：" + n.Title,
		Crumbs: []web.Crumb{{Name: "通知公告", URL: "/notices"}, {Name: n.Title, URL: "/notices/" + web.Itoa64(id)}, {Name: "回执"}}, Data: d})
}

// noticeAttach stores an uploaded file with a notice.
func (s *module) noticeAttach(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if err := s.mayManage(r, id); err != nil { // before the form: another organisation's notice is not found
		web.Fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, notify.NoticeFileKind.MaxSize+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		web.ActionError(w, r, web.ErrInvalid("file", "请选择要上传的文件（不超过 20 MB）"))
		return
	}
	defer file.Close()
	if _, err := s.Notify.AttachNoticeFile(r.Context(), web.ActorOf(r), id, hdr.Filename, file); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/notices/"+web.Itoa64(id)+"?saved=1")
}

// mayManage returns ENOTFOUND unless the actor manages notice id.
func (s *module) mayManage(r *http.Request, id int64) error {
	n, err := s.Notify.FindNoticeByID(r.Context(), web.ActorOf(r), id)
	if err != nil {
		return err
	}
	ok, err := s.Notify.CanManage(r.Context(), web.ActorOf(r), n)
	if err == nil && !ok {
		err = app.Errorf(app.ENOTFOUND, "找不到该通知，或您无权修改")
	}
	return err
}
