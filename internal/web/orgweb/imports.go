package orgweb

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// ImportKinds are the imports of regions, organisations, people and groups.
func (s *module) ImportKinds() []web.ImportKind {
	return []web.ImportKind{
		{Key: "people", Title: "人员", Perm: auth.PermPersonEdit, Back: "/people", Spec: org.PersonSpec,
			Run: func(ctx context.Context, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
				return s.Org.ImportPeople(ctx, a, org.PersonRows(rows, errs), opt)
			}},
		{Key: "orgs", Title: "机构与学校", Perm: auth.PermOrgEdit, Back: "/orgs", Spec: org.OrgSpec,
			Run: func(ctx context.Context, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
				return s.Org.ImportOrgs(ctx, a, org.OrgRows(rows, errs), opt)
			}},
		{Key: "groups", Title: "教研组", Perm: auth.PermGroupEdit, Back: "/groups", Spec: org.GroupSpec,
			Run: func(ctx context.Context, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
				return s.Org.ImportGroups(ctx, a, org.GroupRows(rows), opt)
			}},
		{Key: "regions", Title: "行政区域", Perm: auth.PermRegionEdit, Back: "/regions", Spec: org.RegionSpec,
			Run: func(ctx context.Context, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
				return s.Org.ImportRegions(ctx, a, org.RegionRows(rows), opt)
			}},
	}
}
