package activityweb

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
)

type obsListData struct {
	List  []activity.Observation
	Pager web.Pager
	Year  int
}

func (s *module) obsFilter(r *http.Request) activity.ObsFilter {
	f := activity.ObsFilter{Role: r.URL.Query().Get("role"), Year: web.FormInt(r, "year")}
	if f.Year == 0 {
		f.Year = dict.SchoolYearOf(s.now().In(activity.CST))
	}
	return f
}

// obsList lists the 听课记录 the user may see in a 学年.
func (s *module) obsList(w http.ResponseWriter, r *http.Request) {
	f := s.obsFilter(r)
	offset, page := web.PageOf(r)
	f.Offset, f.Limit = offset, web.PageSize
	list, n, err := s.Activity.FindObservations(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := obsListData{List: list, Pager: web.NewPager(r.URL.Query(), page, n), Year: f.Year}
	web.Render(w, r, http.StatusOK, "observation_list", web.PageData("听课评课", d))
}

// obsExport sends the year's records as xlsx, all of them (see sendWhole).
func (s *module) obsExport(w http.ResponseWriter, r *http.Request) {
	f := s.obsFilter(r)
	read := func(ctx context.Context, actor app.Actor, p activity.ListPage) ([]activity.Observation, int, error) {
		g := f
		g.Offset, g.Limit = p.Offset, p.Limit
		return s.Activity.FindObservations(ctx, actor, g)
	}
	sendWhole(w, r, "听课记录.xlsx", []string{"日期", "听课人", "授课教师", "学校", "学科", "年级", "课题", "课型", "总分", "状态"}, read,
		func(o activity.Observation) []string {
			return []string{o.Date, o.ObserverName, o.TeacherName, o.SchoolName, o.Subject, o.Grade, o.Topic, o.LessonName(),
				strconv.FormatFloat(o.Total, 'f', -1, 64), map[bool]string{true: "已提交", false: "草稿"}[o.Submitted()]}
		})
}

type obsNewData struct {
	O       activity.Observation
	Rubrics []activity.Rubric
	Types   map[string]string
}

func (s *module) obsNewPage(w http.ResponseWriter, r *http.Request, o activity.Observation, err error) {
	rubrics, e := s.Activity.FindRubrics(r.Context(), web.ActorOf(r))
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	p := web.Page{Title: "记录听课", Crumbs: []web.Crumb{{Name: "听课评课", URL: "/observations"}, {Name: "记录听课"}},
		Data: obsNewData{O: o, Rubrics: rubrics, Types: activity.LessonNames}}
	if err != nil {
		web.FormError(w, r, "observation_new", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "observation_new", p)
}

func (s *module) obsNew(w http.ResponseWriter, r *http.Request) {
	day := s.now().In(activity.CST).Format("2006-01-02")
	if d := r.URL.Query().Get("date"); d != "" {
		if _, err := time.Parse(time.DateOnly, d); err == nil {
			day = d // opened from a visit: the visit's day
		}
	}
	s.obsNewPage(w, r, activity.Observation{Date: day, LessonType: activity.LessonRegular}, nil)
}

// obsCreate starts the draft and opens it for scoring.
func (s *module) obsCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	o := activity.Observation{TeacherID: web.FormInt64(r, "teacher_id"), Subject: web.FormStr(r, "subject"), Grade: web.FormStr(r, "grade"),
		Topic: web.FormStr(r, "topic"), Date: web.FormStr(r, "date"), LessonType: web.FormStr(r, "lesson_type"), RubricID: web.FormInt64(r, "rubric_id")}
	id, err := s.Activity.CreateObservation(r.Context(), web.ActorOf(r), o)
	if err != nil {
		s.obsNewPage(w, r, o, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/observations/%d", id))
}
