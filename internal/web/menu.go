package web

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"jiaoyan/internal/app"
)

// MenuItem is one entry of the side menu. It is shown only to a user who
// holds the permission of the GET route at URL (so a menu and its page
// cannot disagree) and for whom Show, if set, is true: Show narrows the
// item further where the page needs more than its route's permission.
// Hiding an item is only a convenience: every page and service checks
// permission and scope itself.
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
	var out []MenuGroup
	for _, g := range s.menuGroups() {
		var items []MenuItem
		for _, it := range g.Items {
			if s.menuShows(a, it) {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			out = append(out, MenuGroup{Name: g.Name, Items: items})
		}
	}
	return out
}

func (s *Server) menuGroups() []MenuGroup {
	var groups []MenuGroup
	for _, m := range s.Modules {
		groups = append(groups, m.Menu()...)
	}
	return append(groups, MenuGroup{Name: "个人", Items: []MenuItem{{Name: "修改密码", URL: "/account/password"}}})
}

// menuShows reports whether a may open it: the route's permission, then Show.
func (s *Server) menuShows(a app.Actor, it MenuItem) bool {
	if p := s.menuPerms[menuPath(it.URL)]; p != "" && !a.Can(p) {
		return false
	}
	return it.Show == nil || it.Show(a)
}

// menuPath is a menu URL without its query, as routes name it.
func menuPath(u string) string {
	p, _, _ := strings.Cut(u, "?")
	return p
}

// collectMenuPerms maps every menu URL to its GET route's permission; a
// menu item that leads to no page stops the server from starting.
func (s *Server) collectMenuPerms() (map[string]app.Perm, error) {
	routes := map[string]Route{}
	for _, rt := range s.Routes() {
		if rt.Method == "GET" {
			routes[strings.TrimSuffix(rt.Pattern, "{$}")] = rt
		}
	}
	out := map[string]app.Perm{}
	for _, g := range s.menuGroups() {
		for _, it := range g.Items {
			rt, ok := routes[menuPath(it.URL)]
			if !ok {
				return nil, fmt.Errorf("web: menu item %s (%s) leads to no page", it.Name, it.URL)
			}
			out[menuPath(it.URL)] = rt.Perm
		}
	}
	return out, nil
}

// navKey names one rendering of the side menu: its items and the item
// marked as the current page ("" when the page is none of them).
type navKey struct{ items, on string }

// maxNavKept bounds the menus kept between two clearings of Server.nav.
const maxNavKept = 4096

// navHTML is the side menu of menu with the item at path marked, rendered
// once per distinct menu and kept: every page shows it, and the users of
// one role share it, so a page does not run the template over every item.
func (s *Server) navHTML(menu []MenuGroup, path string) template.HTML {
	parts := make([]string, 0, 64)
	on := ""
	for _, g := range menu {
		parts = append(parts, "\x02"+g.Name)
		for _, it := range g.Items {
			parts = append(parts, it.URL, it.Name)
			if it.URL == path {
				on = path
			}
		}
	}
	key := navKey{items: strings.Join(parts, "\x01"), on: on}
	if h, ok := s.nav.Load(key); ok {
		return h.(template.HTML)
	}
	var out bytes.Buffer
	if err := s.navT.ExecuteTemplate(&out, "nav", struct {
		Menu []MenuGroup
		Path string
	}{menu, on}); err != nil {
		s.Log.Error("render menu", "err", err)
		return ""
	}
	h := template.HTML(out.String())
	if s.navKept.Add(1) > maxNavKept {
		s.navKept.Store(0)
		s.nav.Clear()
	}
	s.nav.Store(key, h)
	return h
}
