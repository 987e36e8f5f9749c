package adminweb

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"net/http"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/web"
)

type bulkData struct {
	Org        auth.AccountOrg
	Candidates []auth.Candidate
}

// accountBulkForm lists the people of an organisation without an account,
// to tick for 批量开通账号.
func (s *module) accountBulkForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	var d bulkData
	if err == nil {
		d.Org, d.Candidates, err = s.Auth.FindAccountCandidates(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "account_bulk", bulkPage(d, "批量开通账号", nil))
}

func bulkPage(d bulkData, title string, data any) web.Page {
	if data == nil {
		data = d
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "机构与学校", URL: "/orgs"},
		{Name: d.Org.Name, URL: "/orgs/" + web.Itoa64(d.Org.ID)}, {Name: title}}, Data: data}
}

type slipsData struct {
	Org      auth.AccountOrg
	Slips    []auth.OpenedAccount
	LoginURL string
	XLSX     template.URL // the same slips as a workbook, inside this one page
}

// accountBulkOpen opens the ticked accounts (all=1: every one listed) and
// answers with the 开户通知单. The initial passwords exist only in this
// response (not stored, not cached, not in the audit log): no later
// request can show them again.
func (s *module) accountBulkOpen(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id, err := web.PathID(r)
	var d bulkData
	if err == nil {
		d.Org, d.Candidates, err = s.Auth.FindAccountCandidates(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	ids := web.FormIDs(r, "people")
	if web.FormBool(r, "all") {
		ids = ids[:0]
		for _, c := range d.Candidates {
			ids = append(ids, c.PersonID)
		}
	}
	slips, err := s.Auth.OpenAccounts(r.Context(), web.ActorOf(r), id, ids)
	if err != nil {
		web.FormError(w, r, "account_bulk", bulkPage(d, "批量开通账号", nil), err)
		return
	}
	sd := slipsData{Org: d.Org, Slips: slips, LoginURL: loginURL(r)}
	sd.XLSX, err = slipsWorkbook(sd)
	if err != nil {
		web.Log(r).Error("slips workbook", "err", err)
	}
	web.Render(w, r, http.StatusOK, "account_slips", bulkPage(d, "开户通知单", sd))
}

// loginURL is the sign-in address printed on the slips: the site's public
// address (never the request's Host header).
func loginURL(r *http.Request) string { return web.PublicURL(r) + "/login" }

var slipColumns = []exchange.ExportColumn{{Header: "姓名"}, {Header: "单位", Width: 24}, {Header: "用户名", Kind: exchange.KindCode},
	{Header: "初始密码", Kind: exchange.KindCode, Width: 16}, {Header: "登录地址", Width: 30}, {Header: "说明", Width: 24}}

// slipsWorkbook is the 开户通知单 as an xlsx data: address for a download
// link on the slips page, so the workbook too is never stored.
func slipsWorkbook(d slipsData) (template.URL, error) {
	var buf bytes.Buffer
	rows := func(yield func([]string) bool) {
		for _, s := range d.Slips {
			if !yield([]string{s.Name, s.OrgName, s.Username, s.Password, d.LoginURL, "首次登录须修改密码"}) {
				return
			}
		}
	}
	if err := exchange.Export(&buf, "开户通知单", slipColumns, rows); err != nil {
		return "", err
	}
	return template.URL("data:" + web.XLSXType + ";base64," + base64.StdEncoding.EncodeToString(buf.Bytes())), nil
}
