package notifyweb

import (
	"net/http"
	"time"

	"jiaoyan/internal/notify"
	"jiaoyan/internal/web"
)

type todoData struct {
	Todos []notify.Todo
	Done  bool
	Pager web.Pager
	Now   time.Time
}

// todoList is /todo: what waits for the user (?done=1: what is done).
func (s *module) todoList(w http.ResponseWriter, r *http.Request) {
	off, page := web.PageOf(r)
	d := todoData{Done: r.URL.Query().Get("done") == "1", Now: time.Now()}
	todos, total, err := s.Notify.FindTodos(r.Context(), web.ActorOf(r), notify.TodoFilter{Done: d.Done, Limit: web.PageSize, Offset: off})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Todos, d.Pager = todos, web.NewPager(r.URL.Query(), page, total)
	web.Render(w, r, http.StatusOK, "todo_list", web.Page{Title: "待办", Crumbs: []web.Crumb{{Name: "待办"}}, Data: d})
}

type messageData struct {
	Messages []notify.Message
	Pager    web.Pager
	Mail     string
}

// messageList is the user's inbox, newest first.
func (s *module) messageList(w http.ResponseWriter, r *http.Request) {
	off, page := web.PageOf(r)
	a := web.ActorOf(r)
	ms, total, err := s.Notify.FindMessages(r.Context(), a, notify.MessageFilter{Limit: web.PageSize, Offset: off})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	mail, err := s.Notify.MailAddress(r.Context(), a)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "message_list", web.Page{Title: "消息", Crumbs: []web.Crumb{{Name: "消息"}},
		Data: messageData{Messages: ms, Pager: web.NewPager(r.URL.Query(), page, total), Mail: mail}})
}

// messageRead marks one message (id) or all of them read.
func (s *module) messageRead(w http.ResponseWriter, r *http.Request) {
	if err := s.Notify.MarkMessageRead(r.Context(), web.ActorOf(r), web.FormInt64(r, "id")); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/messages")
}

// messageMail sets the user's reminder mail address.
func (s *module) messageMail(w http.ResponseWriter, r *http.Request) {
	if err := s.Notify.SetMailAddress(r.Context(), web.ActorOf(r), web.FormStr(r, "email")); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/messages?saved=1")
}
