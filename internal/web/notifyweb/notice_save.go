package notifyweb

import (
	"context"
	"net/http"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// roleChoice is a role a notice may be narrowed to.
type roleChoice struct{ Code, Name string }

var roleChoices = []roleChoice{
	{auth.RoleTeacher, "教师"}, {auth.RoleResearcher, "教研员"}, {auth.RoleSchoolAdmin, "学校管理员"},
	{auth.RoleCountyAdmin, "县级管理员"}, {auth.RoleCityAdmin, "市级管理员"}, {auth.RoleExpert, "专家"},
}

type noticeFormData struct {
	Notice  notify.Notice
	Regions []org.Region
	Orgs    []org.Org
	Roles   []roleChoice
}

func (s *module) formData(r *http.Request, n notify.Notice) (noticeFormData, error) {
	a, ctx := web.ActorOf(r), r.Context()
	d := noticeFormData{Notice: n, Roles: roleChoices}
	var err error
	if d.Regions, err = s.Org.FindRegions(ctx, a); err != nil {
		return d, err
	}
	d.Orgs, _, err = s.Org.FindOrgs(ctx, a, org.OrgFilter{Limit: 2000})
	return d, err
}

func (s *module) renderForm(w http.ResponseWriter, r *http.Request, status int, n notify.Notice, err error) {
	d, ferr := s.formData(r, n)
	if ferr != nil {
		web.Fail(w, r, ferr)
		return
	}
	title := "发布通知"
	if n.ID != 0 {
		title = "修改通知"
	}
	p := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "通知公告", URL: "/notices"}, {Name: title}}, Data: d}
	if err != nil {
		web.FormError(w, r, "notice_form", p, err)
		return
	}
	web.Render(w, r, status, "notice_form", p)
}

// noticeNew is the empty form.
func (s *module) noticeNew(w http.ResponseWriter, r *http.Request) {
	s.renderForm(w, r, http.StatusOK, notify.Notice{}, nil)
}

// noticeEdit is the form of a notice the user manages.
func (s *module) noticeEdit(w http.ResponseWriter, r *http.Request) {
	n, _, err := web.ByID(r, s.Notify.FindNoticeByID)
	if err == nil {
		var ok bool
		if ok, err = s.Notify.CanManage(r.Context(), web.ActorOf(r), n); err == nil && !ok {
			err = app.Errorf(app.ENOTFOUND, "找不到该通知，或您无权修改")
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.renderForm(w, r, http.StatusOK, n, nil)
}

func noticeOf(r *http.Request) notify.Notice {
	n := notify.Notice{Title: web.FormStr(r, "title"), Body: r.FormValue("body"), Pinned: web.FormBool(r, "pinned"),
		NeedsReceipt: web.FormBool(r, "needs_receipt"), Version: web.FormInt(r, "version"),
		Audience: notify.Audience{RegionCodes: web.FormList(r, "regions"), OrgIDs: web.FormIDs(r, "orgs"), Roles: web.FormList(r, "roles")}}
	if e := web.FormStr(r, "expires"); e != "" {
		n.Expires, _ = time.ParseInLocation(time.DateOnly, e, web.CST) // errcheck: a bad date stays zero and is refused below
		if n.Expires.IsZero() {
			n.Expires = time.Unix(0, 0) // refused as before today, with a message
		}
	}
	return n
}

// noticeCreate saves a new notice: published at once unless "draft" is
// the button pressed.
func (s *module) noticeCreate(w http.ResponseWriter, r *http.Request) {
	n := noticeOf(r)
	id, err := s.Notify.CreateNotice(r.Context(), web.ActorOf(r), n, web.FormStr(r, "draft") == "")
	if err != nil {
		s.renderForm(w, r, http.StatusOK, n, err)
		return
	}
	web.Redirect(w, r, "/notices/"+web.Itoa64(id)+"?saved=1")
}

// noticeUpdate saves an edit, refused with who changed it when stale.
func (s *module) noticeUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	n := noticeOf(r)
	n.ID = id
	if err := s.Notify.UpdateNotice(r.Context(), web.ActorOf(r), n); err != nil {
		if c := app.ErrorCode(err); c != app.EINVALID && c != app.ECONFLICT {
			web.Fail(w, r, err)
			return
		}
		s.renderForm(w, r, http.StatusOK, n, err)
		return
	}
	web.Redirect(w, r, "/notices/"+web.Itoa64(id)+"?saved=1")
}

func (s *module) noticePublish(w http.ResponseWriter, r *http.Request) {
	s.statusAction(w, r, s.Notify.Publish)
}

func (s *module) noticeWithdraw(w http.ResponseWriter, r *http.Request) {
	s.statusAction(w, r, s.Notify.Withdraw)
}

func (s *module) statusAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, a app.Actor, id int64) error) {
	id, err := web.PathID(r)
	if err == nil {
		err = act(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/notices/"+web.Itoa64(id)+"?saved=1")
}
