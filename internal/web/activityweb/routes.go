// Package activityweb serves 教研活动 (issue #16): the list of the activities
// open to one, the organiser's form and lifecycle actions, sign-up, the
// venue's 签到 QR code and the phone check-in page, and one's own record.
package activityweb

import (
	"embed"
	"io/fs"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

//go:embed templates
var templates embed.FS

// module holds the service its pages call.
type module struct {
	Activity *activity.Service
	Now      app.Clock
}

// Module is the activity pages over the activity service.
func Module(a *activity.Service) web.Module { return &module{Activity: a} }

func (s *module) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Routes lists the module's page actions. Seeing and joining activities
// needs only a sign-in: the service shows each person what is open to them.
// The organiser's steps on one activity check in the service who organises
// it (an office in scope, or a member of the organising 联系组, who may be a
// teacher without 组织教研活动).
func (s *module) Routes() []web.Route {
	m := activity.PermManage
	routes := []web.Route{
		{Method: "GET", Pattern: "/activities", Handler: s.list},
		{Method: "GET", Pattern: "/activities/export", Handler: s.export},
		{Method: "GET", Pattern: "/activities/mine", Handler: s.mine},
		{Method: "GET", Pattern: "/activities/calendar", Handler: s.calendar},
		{Method: "GET", Pattern: "/activities/mine.ics", Handler: s.ics},
		{Method: "GET", Pattern: "/activities/report", Handler: s.report, Perm: m},
		{Method: "GET", Pattern: "/activities/report/export", Handler: s.reportExport, Perm: m},
		{Method: "GET", Pattern: "/studios/stations", Handler: s.studioStations, Perm: m},
		{Method: "POST", Pattern: "/studios/stations", Handler: s.studioAssign, Perm: m, Audited: true},
		{Method: "GET", Pattern: "/studios/stations/export", Handler: s.studioExport, Perm: m},
		{Method: "GET", Pattern: "/activities/study-days", Handler: s.studyDays, Perm: m},
		{Method: "POST", Pattern: "/activities/study-days", Handler: s.studyDaySave, Perm: m, Audited: true},
		{Method: "GET", Pattern: "/activity-kinds", Handler: s.kinds, Perm: activity.PermKinds},
		{Method: "POST", Pattern: "/activity-kinds", Handler: s.kindAdd, Perm: activity.PermKinds, Audited: true},
		{Method: "POST", Pattern: "/activity-kinds/{code}", Handler: s.kindEdit, Perm: activity.PermKinds, Audited: true},
		{Method: "GET", Pattern: "/activities/new", Handler: s.newForm, Perm: m},
		{Method: "POST", Pattern: "/activities", Handler: s.create, Perm: m, Audited: true},
		{Method: "GET", Pattern: "/activities/{id}", Handler: s.detail, Object: "activity"},
		{Method: "GET", Pattern: "/activities/{id}/edit", Handler: s.editForm, Object: "activity"},
		{Method: "POST", Pattern: "/activities/{id}", Handler: s.update, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/publish", Handler: s.publish, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/end", Handler: s.end, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/outcome", Handler: s.outcome, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/review", Handler: s.review, Perm: activity.PermReview, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/invite", Handler: s.invite, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/signup", Handler: s.signUp, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/cancel", Handler: s.cancel, Object: "activity", Audited: true},
		{Method: "POST", Pattern: "/activities/{id}/files", Handler: s.activityFileAdd, Object: "activity", Audited: true},
		{Method: "GET", Pattern: "/activities/{id}/files/{fid}", Handler: s.activityFile, Object: "activity"},
		{Method: "GET", Pattern: "/activities/{id}/qr", Handler: s.qr, Object: "activity"},
		{Method: "GET", Pattern: "/activities/{id}/checkin", Handler: s.checkinForm, Object: "activity"},
		{Method: "POST", Pattern: "/activities/{id}/checkin", Handler: s.checkIn, Object: "activity", Audited: true},
	}
	return append(append(append(routes, s.routesObservations()...), s.routesServices()...), s.routesRooms()...)
}

// routesObservations are the routes of 听课评课 and 评课量表. Recording needs
// only a sign-in as a person: the service lets an observer keep their own
// records and shows each record to whom it concerns.
func (s *module) routesObservations() []web.Route {
	m := activity.PermManage
	return []web.Route{
		{Method: "GET", Pattern: "/rubrics", Handler: s.rubricList},
		{Method: "GET", Pattern: "/rubrics/export", Handler: s.rubricExport},
		{Method: "GET", Pattern: "/rubrics/new", Handler: s.rubricNew, Perm: m},
		{Method: "POST", Pattern: "/rubrics", Handler: s.rubricSave, Perm: m, Audited: true},
		{Method: "GET", Pattern: "/rubrics/{id}", Handler: s.rubricEdit, Object: "rubric"},
		{Method: "POST", Pattern: "/rubrics/{id}", Handler: s.rubricSave, Perm: m, Object: "rubric", Audited: true},
		{Method: "GET", Pattern: "/observations", Handler: s.obsList},
		{Method: "GET", Pattern: "/observations/export", Handler: s.obsExport},
		{Method: "GET", Pattern: "/observations/report", Handler: s.observationRule, Perm: m},
		{Method: "GET", Pattern: "/observations/report/export", Handler: s.observationRuleExport, Perm: m},
		{Method: "GET", Pattern: "/observations/new", Handler: s.obsNew},
		{Method: "POST", Pattern: "/observations", Handler: s.obsCreate, Audited: true},
		{Method: "GET", Pattern: "/observations/{id}", Handler: s.obsDetail, Object: "observation"},
		{Method: "POST", Pattern: "/observations/{id}/draft", Handler: s.obsDraft, Object: "observation", Audited: true},
		{Method: "POST", Pattern: "/observations/{id}/submit", Handler: s.obsSubmit, Object: "observation", Audited: true},
		{Method: "POST", Pattern: "/observations/{id}/respond", Handler: s.obsRespond, Object: "observation", Audited: true},
		{Method: "GET", Pattern: "/observations/{id}/coding", Handler: s.coding, Object: "observation"},
		{Method: "GET", Pattern: "/observations/{id}/coding/export", Handler: s.codingExport, Object: "observation"},
		{Method: "POST", Pattern: "/observations/{id}/code", Handler: s.code, Object: "observation", Audited: true},
		{Method: "POST", Pattern: "/observations/{id}/codes", Handler: s.codes, Object: "observation", Audited: true},
	}
}

// Menu is the module's side-menu group.
func (s *module) Menu() []web.MenuGroup {
	return []web.MenuGroup{{Name: "教研活动", Items: []web.MenuItem{
		{Name: "活动列表", URL: "/activities", Show: takesPart},
		{Name: "活动日历", URL: "/activities/calendar", Show: takesPart},
		{Name: "我的活动", URL: "/activities/mine", Show: func(a app.Actor) bool { return a.PersonID != 0 }},
		{Name: "新建活动", URL: "/activities/new", Show: web.Can(activity.PermManage)},
		{Name: "活动统计", URL: "/activities/report", Show: web.Can(activity.PermManage)},
		{Name: "学科研修日", URL: "/activities/study-days", Show: web.Can(activity.PermManage)},
		{Name: "活动类型", URL: "/activity-kinds", Show: web.Can(activity.PermKinds)},
		{Name: "工作室定点入驻", URL: "/studios/stations", Show: web.Can(activity.PermManage)},
	}}, {Name: "听课评课", Items: []web.MenuItem{
		{Name: "听课记录", URL: "/observations", Show: func(a app.Actor) bool { return a.PersonID != 0 || a.Can(activity.PermManage) }},
		{Name: "评课量表", URL: "/rubrics", Show: web.Can(activity.PermManage)},
		{Name: "听课评课统计", URL: "/observations/report", Show: web.Can(activity.PermManage)},
	}}, {Name: "送教助研", Items: []web.MenuItem{
		{Name: "送教菜单与订单", URL: "/services", Show: web.Can(activity.PermManage)},
	}}, {Name: "网络教研", Items: []web.MenuItem{
		{Name: "虚拟教研室", URL: "/rooms", Show: func(a app.Actor) bool { return a.PersonID != 0 || a.Can(activity.PermManage) }},
	}}}
}

// takesPart: a person (who may be invited) or an organiser; not the
// 三员 accounts, which take part in no activity.
func takesPart(a app.Actor) bool { return a.PersonID != 0 || a.Can(activity.PermManage) }

// Templates are the module's pages.
func (s *module) Templates() fs.FS { return templates }

// ImportKinds: the module offers no import.
func (s *module) ImportKinds() []web.ImportKind { return nil }

// routesServices are the routes of 送教助研: the menu and the orders.
func (s *module) routesServices() []web.Route {
	m := activity.PermManage
	return []web.Route{
		{Method: "GET", Pattern: "/services", Handler: s.serviceList},
		{Method: "GET", Pattern: "/services/export", Handler: s.serviceExport},
		{Method: "GET", Pattern: "/services/orders/export", Handler: s.orderExport},
		{Method: "GET", Pattern: "/services/new", Handler: s.serviceNew, Perm: m},
		{Method: "POST", Pattern: "/services", Handler: s.serviceCreate, Perm: m, Audited: true},
		{Method: "GET", Pattern: "/services/{id}", Handler: s.serviceDetail, Object: "service"},
		{Method: "POST", Pattern: "/services/{id}/orders", Handler: s.serviceOrder, Perm: m, Object: "service", Audited: true},
		{Method: "GET", Pattern: "/service-orders/{id}", Handler: s.orderDetail, Object: "service_order"},
		{Method: "POST", Pattern: "/service-orders/{id}/plan", Handler: s.orderPlan, Perm: m, Object: "service_order", Audited: true},
		{Method: "POST", Pattern: "/service-orders/{id}/plan/confirm", Handler: s.orderConfirm, Perm: m, Object: "service_order", Audited: true},
		{Method: "POST", Pattern: "/service-orders/{id}/plan/return", Handler: s.orderReturn, Perm: m, Object: "service_order", Audited: true},
		{Method: "POST", Pattern: "/service-orders/{id}/dispatch", Handler: s.orderDispatch, Perm: m, Object: "service_order", Audited: true},
		{Method: "POST", Pattern: "/service-orders/{id}/feedback", Handler: s.orderFeedback, Perm: m, Object: "service_order", Audited: true},
	}
}

// routesRooms are the routes of 网络教研: rooms, sessions and threads. The
// service shows a room to its members and to the organisers keeping it.
func (s *module) routesRooms() []web.Route {
	m := activity.PermManage
	return []web.Route{
		{Method: "GET", Pattern: "/rooms", Handler: s.roomList},
		{Method: "GET", Pattern: "/rooms/export", Handler: s.roomExport},
		{Method: "GET", Pattern: "/rooms/new", Handler: s.roomNew, Perm: m},
		{Method: "POST", Pattern: "/rooms", Handler: s.roomCreate, Perm: m, Audited: true},
		{Method: "GET", Pattern: "/rooms/{id}", Handler: s.roomDetail, Object: "room"},
		{Method: "POST", Pattern: "/rooms/{id}/sessions", Handler: s.roomSession, Perm: m, Object: "room", Audited: true},
		{Method: "POST", Pattern: "/rooms/{id}/members", Handler: s.roomMembersAdd, Perm: m, Object: "room", Audited: true},
		{Method: "POST", Pattern: "/rooms/{id}/members/remove", Handler: s.roomMemberRemove, Perm: m, Object: "room", Audited: true},
		{Method: "POST", Pattern: "/rooms/{id}/threads", Handler: s.roomThread, Object: "room", Audited: true},
		{Method: "GET", Pattern: "/threads/{id}", Handler: s.threadDetail, Object: "thread"},
		{Method: "POST", Pattern: "/threads/{id}/posts", Handler: s.threadReply, Object: "thread", Audited: true},
		{Method: "POST", Pattern: "/threads/{id}/posts/{pid}/files", Handler: s.postFileAdd, Object: "thread", Audited: true},
		{Method: "GET", Pattern: "/threads/{id}/posts/{pid}/files/{fid}", Handler: s.postFile, Object: "thread"},
	}
}
