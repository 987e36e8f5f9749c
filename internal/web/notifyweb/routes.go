// Package notifyweb serves the 工作台 (home per role), 待办, the message
// inbox and 通知公告 with their 回执.
package notifyweb

import (
	"embed"
	"io/fs"

	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the services its pages call.
type module struct {
	Notify *notify.Service
	Org    *org.Service
}

// Module is the 工作台 pages over the notify service.
func Module(n *notify.Service, o *org.Service) web.Module {
	return &module{Notify: n, Org: o}
}

// Routes lists the module's page actions.
func (s *module) Routes() []web.Route {
	p := notify.PermNoticePublish
	return []web.Route{
		{Method: "GET", Pattern: "/{$}", Handler: s.home},
		{Method: "GET", Pattern: "/todo", Handler: s.todoList},
		{Method: "GET", Pattern: "/messages", Handler: s.messageList},
		{Method: "POST", Pattern: "/messages/read", Handler: s.messageRead},
		{Method: "POST", Pattern: "/messages/mail", Handler: s.messageMail, Audited: true},
		{Method: "GET", Pattern: "/notices", Handler: s.noticeList},
		{Method: "GET", Pattern: "/notices/new", Handler: s.noticeNew, Perm: p},
		{Method: "POST", Pattern: "/notices", Handler: s.noticeCreate, Perm: p, Audited: true},
		{Method: "GET", Pattern: "/notices/{id}", Handler: s.noticeView, Object: "notice"},
		{Method: "GET", Pattern: "/notices/{id}/edit", Handler: s.noticeEdit, Perm: p, Object: "notice"},
		{Method: "POST", Pattern: "/notices/{id}", Handler: s.noticeUpdate, Perm: p, Object: "notice", Audited: true},
		{Method: "POST", Pattern: "/notices/{id}/publish", Handler: s.noticePublish, Perm: p, Object: "notice", Audited: true},
		{Method: "POST", Pattern: "/notices/{id}/withdraw", Handler: s.noticeWithdraw, Perm: p, Object: "notice", Audited: true},
		{Method: "POST", Pattern: "/notices/{id}/read", Handler: s.noticeRead, Object: "notice", Audited: true},
		{Method: "GET", Pattern: "/notices/{id}/receipts", Handler: s.noticeReceipts, Perm: p, Object: "notice"},
		{Method: "POST", Pattern: "/notices/{id}/files", Handler: s.noticeAttach, Perm: p, Object: "notice", Audited: true},
		{Method: "GET", Pattern: "/notices/{id}/files/{file}", Handler: s.noticeFile, Object: "notice"},
	}
}

// Menu is the 工作台 group, first in the side menu.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "工作台", Items: []web.MenuItem{
		{Name: "首页", URL: "/"}, {Name: "待办", URL: "/todo"}, {Name: "通知公告", URL: "/notices"}, {Name: "消息", URL: "/messages"}}}}
}

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// ImportKinds: the module offers no /import/{kind} import.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// Fixtures are the module's registrations for the whole-site tests.
func (s *module) Fixtures() web.Fixtures {
	return web.Fixtures{Objects: scopeObjects(), Changes: auditedChanges(), Skip: []string{"POST /notices/{id}/files"}}
}
