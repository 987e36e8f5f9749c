package liaisonweb

import (
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// routesVisits are the routes of 教研员队伍 and 到校记录 (issue #6). Writes
// need only visit.view at the door: the liaison service lets a researcher
// write their own records (visit.edit) and a manager anyone's in scope
// (liaison.manage).
func (s *module) routesVisits() []web.Route {
	v := liaison.PermVisitView
	return []web.Route{
		{Method: "GET", Pattern: "/researchers", Handler: s.researcherList, Perm: v},
		{Method: "GET", Pattern: "/researchers/export", Handler: s.researcherExport, Perm: v},
		{Method: "GET", Pattern: "/researchers/check", Handler: s.researcherCheck, Perm: v},
		{Method: "GET", Pattern: "/researchers/office", Handler: s.researcherOffice, Perm: v},
		{Method: "GET", Pattern: "/researchers/{id}/training", Handler: s.trainingList, Perm: v, Object: "researcher"},
		{Method: "POST", Pattern: "/researchers/{id}/training", Handler: s.trainingAdd, Perm: v, Object: "researcher", Audited: true},
		{Method: "GET", Pattern: "/visits", Handler: s.visitList, Perm: v},
		{Method: "GET", Pattern: "/visits/export", Handler: s.visitExport, Perm: v},
		{Method: "GET", Pattern: "/visits/new", Handler: s.visitNew, Perm: v},
		{Method: "GET", Pattern: "/visits/schools", Handler: s.visitSchoolSearch, Perm: v},
		{Method: "POST", Pattern: "/visits", Handler: s.visitCreate, Perm: v, Audited: true},
		{Method: "GET", Pattern: "/visits/{id}", Handler: s.visitDetail, Perm: v, Object: "visit"},
		{Method: "GET", Pattern: "/visits/{id}/edit", Handler: s.visitEdit, Perm: v, Object: "visit"},
		{Method: "POST", Pattern: "/visits/{id}", Handler: s.visitUpdate, Perm: v, Object: "visit", Audited: true},
		{Method: "POST", Pattern: "/visits/{id}/attachments", Handler: s.visitAttach, Perm: v, Object: "visit", Audited: true},
		{Method: "GET", Pattern: "/visits/{id}/attachments/{aid}", Handler: s.visitAttachment, Perm: v, Object: "visit"},
		{Method: "GET", Pattern: "/my", Handler: s.myTerm, Perm: liaison.PermVisitEdit},
		{Method: "GET", Pattern: "/my/visit", Handler: s.myVisitForm, Perm: liaison.PermVisitEdit},
		{Method: "GET", Pattern: "/my/schools", Handler: s.mySchoolSearch, Perm: liaison.PermVisitEdit},
		{Method: "POST", Pattern: "/my/visit", Handler: s.myVisitSave, Perm: liaison.PermVisitEdit, Audited: true},
	}
}
