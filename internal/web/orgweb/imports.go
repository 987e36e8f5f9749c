package orgweb

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// back is the list page each import kind returns to.
var back = map[string]string{"people": "/people", "orgs": "/orgs", "groups": "/groups", "regions": "/regions"}

// ImportKinds are the imports of regions, organisations, people and
// groups, all run by org's import engine.
func (s *module) ImportKinds() []web.ImportKind {
	var out []web.ImportKind
	for _, k := range org.ImportKinds() {
		key := k.Key
		out = append(out, web.ImportKind{Key: key, Title: k.Title, Perm: k.Perm, Back: back[key], Spec: k.Spec,
			Import: func(ctx context.Context, a app.Actor, name string, data []byte, opt org.ImportOptions) (org.ImportOutcome, error) {
				return s.Org.ImportFile(ctx, a, key, name, data, opt)
			}})
	}
	return out
}
