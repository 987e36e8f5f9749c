package web

import (
	"jiaoyan/internal/app"
)

// MenuItem is one entry of the side menu. Show says whether the signed-in
// user sees it; nil shows it to everyone. Hiding an item is only a
// convenience: every page and service checks permission and scope itself.
type MenuItem struct {
	Name, URL string
	Show      func(a app.Actor) bool
}

// MenuGroup is a heading of the side menu with its items.
type MenuGroup struct {
	Name  string
	Items []MenuItem
}

// Can returns a Show function that is true when the actor holds any of perms.
func Can(perms ...app.Perm) func(app.Actor) bool {
	return func(a app.Actor) bool {
		for _, p := range perms {
			if a.Can(p) {
				return true
			}
		}
		return false
	}
}

// menuFor lists the groups and items the actor may open: each module's
// groups in site order (the 工作台 module first), 个人 last.
func (s *Server) menuFor(a app.Actor) []MenuGroup {
	var groups []MenuGroup
	for _, m := range s.Modules {
		groups = append(groups, m.Menu()...)
	}
	groups = append(groups, MenuGroup{Name: "个人", Items: []MenuItem{{Name: "修改密码", URL: "/account/password"}}})
	var out []MenuGroup
	for _, g := range groups {
		var items []MenuItem
		for _, it := range g.Items {
			if it.Show == nil || it.Show(a) {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			out = append(out, MenuGroup{Name: g.Name, Items: items})
		}
	}
	return out
}
