package liaisonweb

import (
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// routesRounds are the routes of 联系学校 rounds and 蹲点视导 (issue #6).
func (s *module) routesRounds() []web.Route {
	read, manage := liaison.PermVisitView, liaison.PermLiaisonManage
	return []web.Route{
		{Method: "GET", Pattern: "/rounds", Handler: s.roundList, Perm: read},
		{Method: "POST", Pattern: "/rounds", Handler: s.roundCreate, Perm: manage, Audited: true},
		{Method: "GET", Pattern: "/rounds/template", Handler: s.roundTemplate, Perm: read},
		{Method: "GET", Pattern: "/rounds/{id}", Handler: s.roundDetail, Perm: read, Object: "round"},
		{Method: "GET", Pattern: "/rounds/{id}/export", Handler: s.roundExport, Perm: read, Object: "round"},
		{Method: "POST", Pattern: "/rounds/{id}/targets", Handler: s.roundTargets, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/targets/import", Handler: s.roundImport, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/targets/remove", Handler: s.roundTargetRemove, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/teams", Handler: s.roundTeam, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/teams/accept", Handler: s.roundTeamsAccept, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/teams/remove", Handler: s.roundTeamRemove, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/plan", Handler: s.roundPlan, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/links", Handler: s.roundLinkAdd, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/publish", Handler: s.roundPublish, Perm: manage, Object: "round", Audited: true},
		{Method: "POST", Pattern: "/rounds/{id}/close", Handler: s.roundClose, Perm: manage, Object: "round", Audited: true},
		{Method: "GET", Pattern: "/links/{id}", Handler: s.linkDetail, Perm: read, Object: "link"},
		{Method: "POST", Pattern: "/links/{id}", Handler: s.linkSave, Perm: read, Object: "link", Audited: true},
		{Method: "POST", Pattern: "/links/{id}/move", Handler: s.linkMove, Perm: manage, Object: "link", Audited: true},
		{Method: "POST", Pattern: "/links/{id}/remove", Handler: s.linkRemove, Perm: manage, Object: "link", Audited: true},
		{Method: "POST", Pattern: "/links/{id}/guidance", Handler: s.linkGuidance, Perm: read, Object: "link", Audited: true},
		{Method: "POST", Pattern: "/links/{id}/followups", Handler: s.linkFollowup, Perm: read, Object: "link", Audited: true},
		{Method: "POST", Pattern: "/links/{id}/exchanges", Handler: s.linkExchange, Perm: read, Object: "link", Audited: true},
		{Method: "GET", Pattern: "/stations", Handler: s.stationList, Perm: read},
		{Method: "POST", Pattern: "/stations", Handler: s.stationCreate, Perm: manage, Audited: true},
		{Method: "GET", Pattern: "/stations/coverage", Handler: s.coverageTable, Perm: read},
		{Method: "GET", Pattern: "/stations/coverage/export", Handler: s.coverageExport, Perm: read},
		{Method: "GET", Pattern: "/stations/{id}", Handler: s.stationDetail, Perm: read, Object: "station_plan"},
		{Method: "POST", Pattern: "/stations/{id}/plan", Handler: s.stationPlan, Perm: manage, Object: "station_plan", Audited: true},
		{Method: "POST", Pattern: "/stations/{id}/publish", Handler: s.stationPublish, Perm: manage, Object: "station_plan", Audited: true},
		{Method: "GET", Pattern: "/stations/{id}/visit", Handler: s.stationVisitForm, Perm: read, Object: "station_plan"},
		{Method: "POST", Pattern: "/stations/{id}/visit", Handler: s.stationVisitSave, Perm: read, Object: "station_plan", Audited: true},
	}
}
