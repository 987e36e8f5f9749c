package web

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

type menuItem struct{ Name, URL string }

type menuGroup struct {
	Name  string
	Items []menuItem
}

// menuFor lists the modules the actor may open. Hiding an item is only a
// convenience: every page and service checks permission and scope itself.
func menuFor(a app.Actor) []menuGroup {
	var out []menuGroup
	add := func(group string, items ...menuItem) {
		if len(items) > 0 {
			out = append(out, menuGroup{group, items})
		}
	}
	pick := func(pairs ...any) []menuItem {
		var items []menuItem
		for i := 0; i < len(pairs); i += 2 {
			if it := pairs[i].(menuItem); pairs[i+1].(bool) {
				items = append(items, it)
			}
		}
		return items
	}
	add("工作台", menuItem{"首页", "/"})
	add("组织与人员", pick(
		menuItem{"行政区域", "/regions"}, a.Can(auth.PermRegionView),
		menuItem{"机构与学校", "/orgs"}, a.Can(auth.PermOrgView),
		menuItem{"人员", "/people"}, a.Can(auth.PermPersonView),
		menuItem{"教研组", "/groups"}, a.Can(auth.PermGroupView),
		menuItem{"名师工作室", "/studios"}, a.Can(auth.PermGroupView))...)
	add("规则与基础数据", pick(
		menuItem{"政策规则", "/policy"}, a.Can(auth.PermRegionView) || a.Can(auth.PermOrgView) || a.Can(auth.PermPersonView),
		menuItem{"校历", "/calendar"}, a.Can(auth.PermRegionView),
		menuItem{"代码表", "/dicts"}, true)...)
	add("系统管理", pick(
		menuItem{"账号", "/accounts"}, a.Can(auth.PermAccountManage) || a.Can(auth.PermRoleManage),
		menuItem{"角色与权限", "/roles"}, a.Can(auth.PermAccountManage) || a.Can(auth.PermRoleManage),
		menuItem{"审计日志", "/audit"}, a.Can(auth.PermAuditView))...)
	add("教研员", pick(
		menuItem{"我的学校", "/my"}, a.Can(auth.PermVisitEdit),
		menuItem{"到校记录", "/visits"}, a.Can(auth.PermVisitView),
		menuItem{"教研员名册", "/researchers"}, a.Can(auth.PermVisitView),
		menuItem{"工作量看板", "/liaison/dashboard"}, a.Can(auth.PermVisitView))...)
	add("联系学校与蹲点", pick(
		menuItem{"联系学校轮次", "/rounds"}, a.Can(auth.PermVisitView),
		menuItem{"蹲点视导", "/stations"}, a.Can(auth.PermVisitView),
		menuItem{"覆盖情况", "/stations/coverage"}, a.Can(auth.PermVisitView))...)
	add("个人", menuItem{"修改密码", "/account/password"})
	return out
}
