package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// PersonPanel is a module's section on a person's page (/people/{id},
// which orgweb owns): web modules never import each other, so a module
// offers its part of a person's record here and the person page shows
// every panel in module order.
type PersonPanel struct {
	Name string   // the section's heading, in Chinese
	Perm app.Perm // the viewer must hold it; "" for everyone who may open the person
	// Template is one of the module's pages; its "content" block is run
	// with Page{Data: data, Actor: viewer}.
	Template string
	// Data reads what viewer may see of personID's record in the module.
	// It must apply the viewer's scope itself; show false leaves the panel
	// out (nothing to show).
	Data func(ctx context.Context, viewer app.Actor, personID int64) (data any, show bool, err error)
}

// PersonPanelModule is a Module that adds panels to the person page.
type PersonPanelModule interface {
	PersonPanels() []PersonPanel
}

// ShownPanel is one panel as the person page renders it.
type ShownPanel struct {
	Name string
	Body template.HTML
}

// collectPanels gathers the modules' person panels, refusing an unknown
// permission or template.
func (s *Server) collectPanels() ([]PersonPanel, error) {
	var out []PersonPanel
	for _, m := range s.Modules {
		pm, ok := m.(PersonPanelModule)
		if !ok {
			continue
		}
		for _, p := range pm.PersonPanels() {
			if p.Perm != "" && !auth.KnownPerm(p.Perm) {
				return nil, fmt.Errorf("web: person panel %q needs unknown permission %q", p.Name, p.Perm)
			}
			if _, ok := s.pages[p.Template]; !ok || p.Data == nil {
				return nil, fmt.Errorf("web: person panel %q has no template %q or no Data", p.Name, p.Template)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// PersonPanels renders, for the person page of personID, every module's
// panel the request's viewer holds the permission of and has something to
// see in. The caller has already checked that the viewer may open the
// person; each panel checks its own rows.
func PersonPanels(r *http.Request, personID int64) ([]ShownPanel, error) {
	s, viewer := serverOf(r), ActorOf(r)
	var out []ShownPanel
	for _, p := range s.panels {
		if p.Perm != "" && !viewer.Can(p.Perm) {
			continue
		}
		data, show, err := p.Data(r.Context(), viewer, personID)
		if err != nil {
			return nil, err
		}
		if !show {
			continue
		}
		var buf bytes.Buffer
		if err := s.pages[p.Template].ExecuteTemplate(&buf, "content", Page{Data: data, Actor: viewer}); err != nil {
			return nil, fmt.Errorf("web: person panel %q: %w", p.Name, err)
		}
		out = append(out, ShownPanel{Name: p.Name, Body: template.HTML(buf.String())}) // html/template output: escaped
	}
	return out, nil
}
