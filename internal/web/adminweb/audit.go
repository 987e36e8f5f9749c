package adminweb

import (
	"iter"
	"net/http"
	"time"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/web"
)

func auditFilterOf(r *http.Request) audit.Filter {
	q := r.URL.Query()
	f := audit.Filter{Username: q.Get("user"), Action: q.Get("action"), Object: q.Get("object"), Text: q.Get("q")}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("from"), web.CST); err == nil {
		f.From = t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("to"), web.CST); err == nil {
		f.To = t.AddDate(0, 0, 1)
	}
	return f
}

type auditListData struct {
	Rows             []auditView
	Pager            web.Pager
	Actions, Objects []choice
}

func (s *module) auditList(w http.ResponseWriter, r *http.Request) {
	f := auditFilterOf(r)
	var page int
	f.Offset, page = web.PageOf(r)
	rows, total, err := s.Audit.Find(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "audit_list", web.PageData("审计日志", auditListData{Rows: viewsOf(rows),
		Pager: web.NewPager(r.URL.Query(), page, total), Actions: choicesOf(audit.Actions()), Objects: choicesOf(audit.Objects())}))
}

// auditExport downloads the filtered audit log (at most 100,000 rows) as
// xlsx with the page's Chinese labels; the raw action code stays in the
// last column, 操作代码, for auditors who filter by machine.
func (s *module) auditExport(w http.ResponseWriter, r *http.Request) {
	f := auditFilterOf(r)
	f.Limit = 100000
	rows, _, err := s.Audit.Find(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	cols := []exchange.ExportColumn{{Header: "序号", Kind: exchange.KindInt}, {Header: "时间", Width: 20}, {Header: "用户"},
		{Header: "IP"}, {Header: "操作类型"}, {Header: "对象"}, {Header: "对象编号"}, {Header: "摘要", Width: 40},
		{Header: "变更", Width: 60}, {Header: "哈希", Width: 20}, {Header: "操作代码"}}
	seq := iter.Seq[[]string](func(yield func([]string) bool) {
		for _, a := range rows {
			v := viewOf(a)
			if !yield([]string{web.Itoa64(a.Seq), web.FmtTime(time.UnixMilli(a.At), "2006-01-02 15:04:05"), a.Username, a.IP,
				v.ActionName, v.ObjectName, a.ObjectID, a.Summary, changeText(v), a.Hash, a.Action}) {
				return
			}
		}
	})
	web.StartDownload(w, "审计日志.xlsx", web.XLSXType)
	if err := exchange.Export(w, "审计日志", cols, seq); err != nil {
		web.Log(r).Error("audit export", "err", err)
	}
}

// auditVerify checks the chain and compares it with the checkpoints kept
// outside the database, so a tail cut off the end is found too.
func (s *module) auditVerify(w http.ResponseWriter, r *http.Request) {
	res, err := s.Audit.Verify(r.Context())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "audit_verify", web.Page{Title: "审计日志完整性校验",
		Crumbs: []web.Crumb{{Name: "审计日志", URL: "/audit"}, {Name: "完整性校验"}}, Data: res})
}
