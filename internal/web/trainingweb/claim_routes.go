package trainingweb

import (
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesClaims() []web.Route {
	any := training.PermClaimCreate
	return []web.Route{
		{Method: "GET", Pattern: "/credits/claims", Handler: m.claimList},
		{Method: "GET", Pattern: "/credits/claims/export", Handler: m.claimExport},
		{Method: "POST", Pattern: "/credits/claims", Handler: m.claimCreate, Perm: any, Audited: true},
		{Method: "POST", Pattern: "/credits/claims/approve", Handler: m.claimBatchApprove, Perm: training.PermClaimApprove, Audited: true},
		{Method: "GET", Pattern: "/credits/claims/{id}", Handler: m.claimDetail, Object: "claim"},
		{Method: "GET", Pattern: "/credits/claims/{id}/files/{fid}", Handler: m.claimFile, Object: "claim"},
		{Method: "POST", Pattern: "/credits/claims/{id}/approve", Handler: m.claimApprove, Perm: training.PermClaimApprove,
			Object: "claim", Audited: true},
		{Method: "POST", Pattern: "/credits/claims/{id}/return", Handler: m.claimReturn, Perm: training.PermClaimApprove,
			Object: "claim", Audited: true},
	}
}
