package activityweb

import (
	"fmt"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

// roomList lists one's 虚拟教研室.
func (s *module) roomList(w http.ResponseWriter, r *http.Request) {
	off, pg := web.PageOf(r)
	list, n, err := s.Activity.FindRoomPage(r.Context(), web.ActorOf(r), activity.ListPage{Limit: web.PageSize, Offset: off})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "room_list", web.PageData("网络教研", pagedList[activity.Room]{List: list, Pager: web.NewPager(r.URL.Query(), pg, n)}))
}

func (s *module) roomNewPage(w http.ResponseWriter, r *http.Request, room activity.Room, err error) {
	p := web.Page{Title: "建立虚拟教研室", Crumbs: []web.Crumb{{Name: "网络教研", URL: "/rooms"}, {Name: "建立虚拟教研室"}}, Data: room}
	if err != nil {
		web.FormError(w, r, "room_form", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "room_form", p)
}

func (s *module) roomNew(w http.ResponseWriter, r *http.Request) {
	s.roomNewPage(w, r, activity.Room{}, nil)
}

func (s *module) roomCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	room := activity.Room{Name: web.FormStr(r, "name"), Subject: web.FormStr(r, "subject"), Stage: web.FormStr(r, "stage")}
	id, err := s.Activity.CreateRoom(r.Context(), web.ActorOf(r), room, web.FormIDs(r, "members"))
	if err != nil {
		s.roomNewPage(w, r, room, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/rooms/%d?saved=1", id))
}

func (s *module) roomPage(w http.ResponseWriter, r *http.Request, err error) {
	room, _, e := web.ByID(r, s.Activity.FindRoomByID)
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	p := web.Page{Title: room.Name, Crumbs: []web.Crumb{{Name: "网络教研", URL: "/rooms"}, {Name: room.Name}}, Data: room}
	if err != nil {
		web.FormError(w, r, "room_detail", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "room_detail", p)
}

func (s *module) roomDetail(w http.ResponseWriter, r *http.Request) { s.roomPage(w, r, nil) }

// roomSession schedules an online session.
func (s *module) roomSession(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	x := activity.RoomSession{Title: web.FormStr(r, "title"), StartsAt: localTime(web.FormStr(r, "starts_at")), Link: web.FormStr(r, "link"),
		Record: web.FormStr(r, "record"), ReplayLink: web.FormStr(r, "replay_link")}
	if err := s.Activity.AddSession(r.Context(), web.ActorOf(r), id, x); err != nil {
		s.roomPage(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/rooms/%d?saved=1", id))
}

// roomThread starts a thread in the room.
func (s *module) roomThread(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	tid, err := s.Activity.Post(r.Context(), web.ActorOf(r), id, 0, web.FormStr(r, "title"), web.FormStr(r, "body"))
	if err != nil {
		s.roomPage(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/threads/%d", tid))
}

func (s *module) threadPage(w http.ResponseWriter, r *http.Request, err error) {
	t, _, e := web.ByID(r, s.Activity.FindThreadByID)
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	p := web.Page{Title: t.Title, Crumbs: []web.Crumb{{Name: "网络教研", URL: "/rooms"}, {Name: "教研室", URL: fmt.Sprintf("/rooms/%d", t.RoomID)}, {Name: t.Title}}, Data: t}
	if err != nil {
		web.FormError(w, r, "room_thread", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "room_thread", p)
}

func (s *module) threadDetail(w http.ResponseWriter, r *http.Request) { s.threadPage(w, r, nil) }

// threadReply replies to the thread.
func (s *module) threadReply(w http.ResponseWriter, r *http.Request) {
	t, id, err := web.ByID(r, s.Activity.FindThreadByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	if _, err := s.Activity.Post(r.Context(), web.ActorOf(r), t.RoomID, id, "", web.FormStr(r, "body")); err != nil {
		s.threadPage(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/threads/%d", id))
}

// roomMembersAdd adds the picked people to the room.
func (s *module) roomMembersAdd(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	id, err := web.PathID(r)
	if err == nil {
		err = s.Activity.AddRoomMembers(r.Context(), web.ActorOf(r), id, web.FormIDs(r, "members"))
	}
	s.afterMembers(w, r, id, err)
}

// roomMemberRemove takes one member out of the room.
func (s *module) roomMemberRemove(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	id, err := web.PathID(r)
	if err == nil {
		err = s.Activity.RemoveRoomMember(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "person_id"))
	}
	s.afterMembers(w, r, id, err)
}

func (s *module) afterMembers(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err == nil {
		web.Redirect(w, r, fmt.Sprintf("/rooms/%d?saved=1#members", id))
		return
	}
	if app.ErrorCode(err) == app.EINVALID {
		s.roomPage(w, r, err)
		return
	}
	web.Fail(w, r, err)
}
