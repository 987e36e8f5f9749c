package notifyweb

import (
	"encoding/json"
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

type homeData struct {
	Todos      []notify.Todo
	TodoTotal  int
	Notices    []notify.Notice
	Pending    int // notices awaiting the user's 回执
	Unread     int // unread messages
	Counters   bool
	Counts     org.Counts
	ChartJSON  string
	FigureTime string // "统计于" time of the maintained figures, CST; "" when none
	ScopeName  string
	CanPublish bool
}

// home is the 工作台: the user's 待办 first, then 通知公告, then shortcuts;
// region counters only for those whose role sees organisations (never for
// a teacher).
func (s *module) home(w http.ResponseWriter, r *http.Request) {
	a, ctx := web.ActorOf(r), r.Context()
	d := homeData{CanPublish: a.Can(notify.PermNoticePublish), ScopeName: scopeName(a)}
	var err error
	if d.Todos, d.TodoTotal, err = s.Notify.FindTodos(ctx, a, notify.TodoFilter{Limit: 5}); err != nil {
		web.Fail(w, r, err)
		return
	}
	if d.Notices, _, err = s.Notify.FindNotices(ctx, a, notify.NoticeFilter{Limit: 5}); err != nil {
		web.Fail(w, r, err)
		return
	}
	if d.Pending, err = s.Notify.PendingReceiptCount(ctx, a); err == nil {
		d.Unread, err = s.Notify.UnreadMessageCount(ctx, a)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if a.Can(auth.PermOrgView) {
		if err := s.counters(r, &d); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	web.Render(w, r, http.StatusOK, "home", web.Page{Title: "工作台", Data: d})
}

// counters fills the region figures: the maintained per-organisation
// figures summed over the actor's scope, with the time of the newest change.
func (s *module) counters(r *http.Request, d *homeData) error {
	c, err := s.Org.CountInScope(r.Context(), web.ActorOf(r))
	if err != nil {
		return err
	}
	names, values := []string{}, []int{}
	for _, nc := range c.ByTitle {
		names, values = append(names, nc.Name), append(values, nc.Count)
	}
	chart, err := json.Marshal(map[string]any{"title": "在职人员职称结构", "type": "bar", "names": names, "values": values})
	if err != nil {
		return err
	}
	d.Counters, d.Counts, d.ChartJSON = true, c, string(chart)
	if !c.Changed.IsZero() {
		d.FigureTime = c.Changed.In(web.CST).Format("2006-01-02 15:04")
	}
	return nil
}

func scopeName(a app.Actor) string {
	switch {
	case a.Scope.All:
		return "全部"
	case len(a.Scope.Prefixes) > 0 || len(a.Scope.OrgIDs) > 0:
		return "本单位及下级"
	}
	return "本人"
}
