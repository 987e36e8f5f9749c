package liaisonweb

import (
	"net/http"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// regions are the regions the actor may pick in a filter or form; none
// without region.view. A database fault is an error, never an empty list.
func (s *module) regions(r *http.Request) ([]org.Region, error) {
	if !web.ActorOf(r).Can(auth.PermRegionView) {
		return nil, nil
	}
	return s.Org.FindRegions(r.Context(), web.ActorOf(r))
}

// offices are the 教研机构 the actor can see, for filters and forms.
func (s *module) offices(r *http.Request) ([]org.Org, error) {
	list, _, err := s.Org.FindOrgs(r.Context(), web.ActorOf(r), org.OrgFilter{Kind: org.KindResearchOffice, Limit: 500})
	return list, err
}
