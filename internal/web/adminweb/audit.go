package web

import (
	"iter"
	"net/http"
	"time"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/exchange"
)

func auditFilterOf(r *http.Request) audit.Filter {
	q := r.URL.Query()
	f := audit.Filter{Username: q.Get("user"), Action: q.Get("action"), Object: q.Get("object"), Text: q.Get("q")}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("from"), cst); err == nil {
		f.From = t
	}
	if t, err := time.ParseInLocation("2006-01-02", q.Get("to"), cst); err == nil {
		f.To = t.AddDate(0, 0, 1)
	}
	return f
}

type auditListData struct {
	Rows  []audit.Row
	Pager pager
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	f := auditFilterOf(r)
	var page int
	f.Offset, page = pageOf(r)
	rows, total, err := s.Audit.Find(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "audit_list", pageData("审计日志", auditListData{rows, newPager(r.URL.Query(), page, total)}))
}

// auditExport downloads the filtered audit log (at most 100,000 rows) as
// xlsx; reading it for export is itself audited by the listing filter.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) {
	f := auditFilterOf(r)
	f.Limit = 100000
	rows, _, err := s.Audit.Find(r.Context(), actorOf(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cols := []exchange.ExportColumn{{Header: "序号", Kind: exchange.KindInt}, {Header: "时间", Width: 20}, {Header: "用户"},
		{Header: "IP"}, {Header: "操作"}, {Header: "对象"}, {Header: "对象编号"}, {Header: "摘要", Width: 40},
		{Header: "修改前", Width: 50}, {Header: "修改后", Width: 50}, {Header: "哈希", Width: 20}}
	seq := iter.Seq[[]string](func(yield func([]string) bool) {
		for _, a := range rows {
			if !yield([]string{itoa64(a.Seq), fmtTime(time.UnixMilli(a.At), "2006-01-02 15:04:05"), a.Username, a.IP, a.Action,
				a.ObjectType, a.ObjectID, a.Summary, a.BeforeJSON, a.AfterJSON, a.Hash}) {
				return
			}
		}
	})
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", contentDisposition("审计日志.xlsx"))
	if err := exchange.Export(w, "审计日志", cols, seq); err != nil {
		s.Log.Error("audit export", "err", err)
	}
}

func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request) {
	res, err := audit.Verify(r.Context(), s.Audit.DB)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "audit_verify", page{Title: "审计日志完整性校验",
		Crumbs: []crumb{{"审计日志", "/audit"}, {Name: "完整性校验"}}, Data: res})
}
