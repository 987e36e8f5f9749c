package policyweb

import (
	"net/http"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// ownRegionReader looks up the signed-in user's own organisation and the
// regions above it, nothing else: a teacher or expert reads the rules that
// apply to them without holding region.view.
var ownRegionReader = app.System("政策规则", auth.PermRegionView, auth.PermOrgView)

// policyRegions are the regions whose rules the actor may read: those in
// their scope with region or org view; otherwise their own organisation's
// region and the regions above it (a county without a rule follows its city).
func (s *module) policyRegions(r *http.Request) ([]org.Region, error) {
	a := web.ActorOf(r)
	if a.Can(auth.PermRegionView) || a.Can(auth.PermOrgView) || a.OrgID == 0 {
		return s.Org.FindRegions(r.Context(), a)
	}
	own, err := s.Org.FindOrgByID(r.Context(), ownRegionReader, a.OrgID)
	if err != nil {
		return nil, err
	}
	all, err := s.Org.FindRegions(r.Context(), ownRegionReader)
	if err != nil {
		return nil, err
	}
	var path string
	for _, reg := range all {
		if reg.Code == own.RegionCode {
			path = reg.Path
		}
	}
	var out []org.Region
	for _, reg := range all {
		if path != "" && strings.Contains(path, "/"+reg.Code+"/") {
			out = append(out, reg)
		}
	}
	// The user's own region first: it is what the page opens on.
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}
