package activityweb

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/web"
)

type listData struct {
	Activities []activity.Activity
	Kinds      []activity.Kind
	States     map[string]string
	Terms      []termChoice
	Pager      web.Pager
}

type termChoice struct {
	Value, Name string
	Selected    bool
}

// termOf reads ?term=2025-1, defaulting to the current 学期.
func (s *module) termOf(r *http.Request) dict.Term {
	if y, h, ok := strings.Cut(r.URL.Query().Get("term"), "-"); ok {
		year, e1 := strconv.Atoi(y)
		half, e2 := strconv.Atoi(h)
		if e1 == nil && e2 == nil && year >= 2000 && year <= 2100 && (half == 1 || half == 2) {
			return dict.Term{Year: year, Half: dict.Half(half)}
		}
	}
	return dict.TermOf(s.now().In(activity.CST))
}

// termChoices are the terms around t, t selected.
func termChoices(t dict.Term) []termChoice {
	var out []termChoice
	for u := t.Prev().Prev(); !t.Next().Next().Before(u) && len(out) < 5; u = u.Next() {
		out = append(out, termChoice{Value: fmt.Sprintf("%d-%d", u.Year, u.Half), Name: u.String(), Selected: u == t})
	}
	return out
}

func (s *module) filterOf(r *http.Request) activity.Filter {
	after, before := web.Cursors(r)
	return activity.Filter{Term: s.termOf(r), Kind: web.FormStr(r, "kind"), State: web.FormStr(r, "state"),
		Mine: r.URL.Query().Get("mine") == "1", After: db.ParsePageKey(after), Before: db.ParsePageKey(before)}
}

// list shows one page of the activities the user may see in a term.
func (s *module) list(w http.ResponseWriter, r *http.Request) {
	f := s.filterOf(r)
	pg, err := s.Activity.FindActivities(r.Context(), web.ActorOf(r), f)
	var kinds []activity.Kind
	if err == nil {
		kinds, err = s.Activity.Kinds(r.Context())
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	d := listData{Activities: pg.Activities, Kinds: kinds, States: activity.StateNames, Terms: termChoices(f.Term),
		Pager: web.NewKeysetPager(r.URL.Query(), web.KeysetPage{Page: page, Total: pg.Total, AtLeast: pg.AtLeast, More: pg.More,
			Less: pg.Less, First: pg.First.Encode(), Last: pg.Last.Encode()})}
	web.Render(w, r, http.StatusOK, "activity_list", web.PageData("教研活动", d))
}

var exportSpec = exchange.Spec{Name: "教研活动", Columns: []exchange.Column{{Header: "开始时间", Width: 18}, {Header: "结束时间", Width: 18},
	{Header: "活动名称", Width: 30}, {Header: "类型"}, {Header: "主题", Width: 24}, {Header: "组织方", Width: 24}, {Header: "地点", Width: 24},
	{Header: "对象", Width: 16}, {Header: "报名方式"}, {Header: "学时"}, {Header: "报名人数"}, {Header: "签到人数"}, {Header: "状态"}}}

// export sends every activity of the list's filter as xlsx: a keyset walk
// streamed into the writer, an export job past web.ExportJobRows.
func (s *module) export(w http.ResponseWriter, r *http.Request) {
	f := s.filterOf(r)
	f.After, f.Before, f.Limit = db.PageKey{}, db.PageKey{}, 1000
	actor := web.ActorOf(r)
	about, err := s.Activity.CountActivities(r.Context(), actor, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendExportOrJob(w, r, "教研活动.xlsx", exportSpec, about, func(ctx context.Context, yield func([]string) bool) error {
		for g := f; ; {
			pg, err := s.Activity.FindActivities(ctx, actor, g)
			if err != nil {
				return err
			}
			for _, a := range pg.Activities {
				if !yield(activityRow(a)) {
					return nil
				}
			}
			if !pg.More {
				return nil
			}
			g.After = pg.Last
		}
	})
}

// activityRow is a's row of the export, in exportSpec's columns.
func activityRow(a activity.Activity) []string {
	return []string{a.StartsAt, a.EndsAt, a.Title, a.KindName, a.Theme, a.Organiser, placeOf(a), a.AudienceName, a.ModeName(),
		strconv.FormatFloat(a.Hours, 'f', -1, 64), strconv.Itoa(a.SignUps), strconv.Itoa(a.Attended), a.StateName()}
}

func placeOf(a activity.Activity) string {
	if a.Place == "" {
		return "线上"
	}
	return a.Place
}
