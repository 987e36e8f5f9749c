package activityweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
)

// exportRows is the most rows a list export holds.
const exportRows = 5000

// rubricExport sends the 评课量表 list as Excel.
func (s *module) rubricExport(w http.ResponseWriter, r *http.Request) {
	list, _, err := s.Activity.FindRubricPage(r.Context(), web.ActorOf(r), activity.ListPage{Limit: exportRows})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rows := make([][]string, len(list))
	for i, x := range list {
		subject := x.Subject
		if subject == "" {
			subject = "通用"
		}
		rows[i] = []string{x.Name, subject, "第 " + strconv.Itoa(x.CurrentVersion) + " 版", strconv.Itoa(len(x.Body.Indicators)),
			strconv.FormatFloat(x.Body.MaxScore(), 'f', -1, 64)}
	}
	web.SendTable(w, r, "评课量表.xlsx", []string{"量表", "学科", "版本", "指标数", "满分"}, rows)
}

// serviceExport sends the 送教助研 menu as Excel.
func (s *module) serviceExport(w http.ResponseWriter, r *http.Request) {
	list, _, err := s.Activity.FindServiceItemPage(r.Context(), web.ActorOf(r), activity.ListPage{Limit: exportRows})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rows := make([][]string, len(list))
	for i, x := range list {
		subject := x.Subject
		if subject == "" {
			subject = "不限"
		}
		rows[i] = []string{x.Name, subject, x.Office}
	}
	web.SendTable(w, r, "送教助研菜单.xlsx", []string{"服务项目", "学科", "发布单位"}, rows)
}

// roomExport sends one's 虚拟教研室 as Excel.
func (s *module) roomExport(w http.ResponseWriter, r *http.Request) {
	list, _, err := s.Activity.FindRoomPage(r.Context(), web.ActorOf(r), activity.ListPage{Limit: exportRows})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rows := make([][]string, len(list))
	for i, x := range list {
		rows[i] = []string{x.Name, x.Subject, x.Stage}
	}
	web.SendTable(w, r, "虚拟教研室.xlsx", []string{"教研室", "学科", "学段"}, rows)
}
