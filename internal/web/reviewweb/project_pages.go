package reviewweb

import (
	"fmt"
	"net/http"
	"strconv"

	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type projectListData struct {
	Projects []review.Project
	Table    []review.ProjectCount
	Pager    web.Pager
	Today    string
	Levels   map[string]string
	Statuses map[string]string
}

func projectFilter(r *http.Request) review.ProjectFilter {
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	return review.ProjectFilter{Level: q.Get("level"), Status: q.Get("status"), Year: year}
}

// projectList is 课题: the projects in the user's scope (a teacher's own)
// with filters by level, status and year, overdue ones marked, and the
// bureau's table by year, level, county and status.
func (s *module) projectList(w http.ResponseWriter, r *http.Request) {
	f := projectFilter(r)
	offset, page := web.PageOf(r)
	f.Limit, f.Offset = web.PageSize, offset
	a := web.ActorOf(r)
	list, total, err := s.Review.FindProjects(r.Context(), a, f)
	var table []review.ProjectCount
	if err == nil && a.Can(review.PermCampaignManage) {
		table, err = s.Review.ProjectTable(r.Context(), a, f)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_projects", web.PageData("课题", projectListData{Projects: list, Table: table,
		Pager: web.NewPager(r.URL.Query(), page, total), Today: today(), Levels: review.ProjectLevelNames, Statuses: review.ProjectStatusNames}))
}

// projectExport sends the filtered projects to Excel.
func (s *module) projectExport(w http.ResponseWriter, r *http.Request) {
	f := projectFilter(r)
	f.Limit = 100000
	list, _, err := s.Review.FindProjects(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	t := today()
	for _, p := range list {
		rows = append(rows, []string{p.Number, p.Title, review.ProjectLevelNames[p.Level], p.Leader, p.OrgName, p.County, p.Subject,
			strconv.Itoa(p.Year), review.ProjectStatusNames[p.Status], p.Due(), web.YesNoText(p.Overdue(t))})
	}
	web.SendTable(w, r, "课题一览.xlsx", []string{"立项编号", "题目", "级别", "主持人", "单位", "县区", "学科", "年度", "状态", "下一阶段期限", "逾期"}, rows)
}

type projectData struct {
	P        review.Project
	Events   []review.ProjectEvent
	Today    string
	Levels   map[string]string
	Statuses map[string]string
}

// projectDetail is one project with its stages and, for the bureau, the
// form that records the next one.
func (s *module) projectDetail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	p, events, err := s.Review.FindProjectByID(r.Context(), web.ActorOf(r), id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_project", web.Page{Title: p.Title, Crumbs: []web.Crumb{{Name: "课题", URL: "/projects"}, {Name: p.Title}},
		Data: projectData{P: p, Events: events, Today: today(), Levels: review.ProjectLevelNames, Statuses: review.ProjectStatusNames}})
}

// projectAdvance records the project's next stage.
func (s *module) projectAdvance(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	err = s.Review.Advance(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"), web.FormStr(r, "date"), web.FormStr(r, "note"), web.FormStr(r, "outcome"))
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/projects/%d?saved=1", id))
}

// establish (立项) turns a 课题 campaign's final list into projects.
func (s *module) establish(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		_, err := s.Review.Establish(r.Context(), web.ActorOf(r), review.Establishment{Campaign: id, Level: web.FormStr(r, "level"),
			Year: web.FormInt(r, "year"), DueOpen: web.FormStr(r, "due_open"), DueMid: web.FormStr(r, "due_mid"), DueEnd: web.FormStr(r, "due_end")})
		return err
	})
}
