package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
)

// panelModule is keysModule with person panels.
type panelModule struct {
	keysModule
	panels []PersonPanel
}

func (m panelModule) PersonPanels() []PersonPanel { return m.panels }

// TestPersonPanelsShowWhatTheViewerHolds: a module's panel renders its
// template with the data it returns for the person; a panel whose
// permission the viewer lacks, or that has nothing to show, is left out;
// an unknown permission or template stops the site from starting.
func TestPersonPanelsShowWhatTheViewerHolds(t *testing.T) {
	seen := map[int64]app.Actor{}
	data := func(_ context.Context, viewer app.Actor, id int64) (any, bool, error) {
		seen[id] = viewer
		return []string{"课题甲", "<b>课题乙</b>"}, id == 7, nil
	}
	m := panelModule{keysModule: keysModule{tmpl: `{{range .Data}}<i>{{.}}</i>{{end}}`, perm: "org.edit"}, panels: []PersonPanel{
		{Name: "课题", Template: "keys_page", Data: data},
		{Name: "评审", Template: "keys_page", Perm: auth.PermOrgEdit, Data: data},
	}}
	s := &Server{Config: config.Default(), Modules: []Module{m}}
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	viewer := app.Actor{UserID: 3, Perms: map[app.Perm]bool{auth.PermPersonView: true}}
	r := httptest.NewRequest("GET", "/people/7", nil)
	r = r.WithContext(context.WithValue(context.WithValue(r.Context(), serverKey, s), actorKey, viewer))
	got, err := PersonPanels(r, 7)
	if err != nil || len(got) != 1 || got[0].Name != "课题" || string(got[0].Body) != "<i>课题甲</i><i>&lt;b&gt;课题乙&lt;/b&gt;</i>" ||
		seen[7].UserID != 3 {
		t.Fatalf("panels %+v, %v", got, err)
	}
	if got, err := PersonPanels(r, 8); err != nil || len(got) != 0 {
		t.Fatalf("a panel with nothing to show: %+v %v", got, err)
	}
	for name, p := range map[string]PersonPanel{
		"person.eidt": {Name: "x", Template: "keys_page", Perm: "person.eidt", Data: data},
		"no_page":     {Name: "x", Template: "no_page", Data: data},
	} {
		err := (&Server{Config: config.Default(), Modules: []Module{panelModule{keysModule: m.keysModule, panels: []PersonPanel{p}}}}).Init()
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("panel with %s: Init = %v", name, err)
		}
	}
}
