package qualityweb

import (
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/web"
)

type warningListData struct {
	Warnings []quality.Warning
	Kinds    map[string]string
	Kind     string
	Pager    web.Pager
}

// warningList is 预警: the active warnings in the user's scope.
func (s *module) warningList(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	off, page := web.PageOf(r)
	f := quality.WarningFilter{Kind: kind, Offset: off, Limit: web.PageSize}
	if r.URL.Query().Get("format") == "xlsx" {
		f.Offset, f.Limit = 0, 100000
	}
	list, total, err := s.Quality.FindWarnings(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		var rows [][]string
		for _, x := range list {
			rows = append(rows, []string{x.ExamName, quality.WarnKindNames[x.Kind], x.County, x.School, x.Class, x.Subject, x.Item, x.Message})
		}
		web.SendTable(w, r, "质量监测预警.xlsx", []string{"考试", "预警类型", "县区", "学校", "班级", "科目", "题号", "说明"}, rows)
		return
	}
	d := warningListData{Warnings: list, Kinds: quality.WarnKindNames, Kind: kind, Pager: web.NewPager(r.URL.Query(), page, total)}
	web.Render(w, r, http.StatusOK, "warning_list", web.PageData("预警", d))
}

type warningData struct {
	Warning quality.Warning
	Kinds   map[string]string
	Loop    rectify.Loop
	HasLoop bool
	CanOpen bool
	CanExam bool // the exam's report opens to the user (a setter without quality.view sees the warning only)
	Due     string
}

// warningDetail shows a warning, its rectification or the form opening one.
func (s *module) warningDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	ctx, a := r.Context(), web.ActorOf(r)
	var d warningData
	if err == nil {
		d.Warning, err = s.Quality.FindWarningByID(ctx, a, id)
	}
	if err == nil {
		d.Loop, d.HasLoop, err = s.Rectify.FindLoopOf(ctx, a, quality.RectifyOwner, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Kinds, d.CanOpen = quality.WarnKindNames, d.Warning.SchoolID != 0 && a.Can(rectify.PermEdit)
	d.CanExam = a.Can(quality.PermView)
	d.Due = time.Now().In(web.CST).AddDate(0, 2, 0).Format("2006-01-02")
	p := web.PageData("预警", d)
	p.Crumbs = []web.Crumb{{Name: "预警", URL: "/warnings"}, {Name: quality.WarnKindNames[d.Warning.Kind]}}
	web.Render(w, r, http.StatusOK, "warning_detail", p)
}

// warningRectify opens the warning's 整改闭环 and goes to it.
func (s *module) warningRectify(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	var loop int64
	if err == nil {
		loop, err = s.Quality.OpenRectification(r.Context(), web.ActorOf(r), id, web.FormStr(r, "due"))
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/rectifications/"+strconv.FormatInt(loop, 10))
}
