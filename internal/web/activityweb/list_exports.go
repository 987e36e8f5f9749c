package activityweb

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/web"
)

// exportBatch is how many rows an export reads per page of its list.
const exportBatch = 500

// pageReader reads one page (offset, limit) of a list as actor sees it,
// with the list's total.
type pageReader[T any] func(ctx context.Context, actor app.Actor, p activity.ListPage) ([]T, int, error)

// sendWhole exports the whole list read sends, page after page (no row
// cap): the rows stream into the xlsx writer, and past web.ExportJobRows
// (the list's total) the export is a job with progress. Reads run as the
// requesting actor, under the request's or the job's context.
func sendWhole[T any](w http.ResponseWriter, r *http.Request, name string, headers []string, read pageReader[T], row func(T) []string) {
	actor := web.ActorOf(r)
	_, total, err := read(r.Context(), actor, activity.ListPage{Limit: 1})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	cols := make([]exchange.Column, len(headers))
	for i, h := range headers {
		cols[i] = exchange.Column{Header: h}
	}
	spec := exchange.Spec{Name: strings.TrimSuffix(name, ".xlsx"), Columns: cols}
	web.SendExportOrJob(w, r, name, spec, total, func(ctx context.Context, yield func([]string) bool) error {
		for off := 0; ; off += exportBatch {
			list, _, err := read(ctx, actor, activity.ListPage{Limit: exportBatch, Offset: off})
			if err != nil {
				return err
			}
			for _, x := range list {
				if !yield(row(x)) {
					return nil
				}
			}
			if len(list) < exportBatch {
				return nil
			}
		}
	})
}

// rubricExport sends the 评课量表 list as Excel.
func (s *module) rubricExport(w http.ResponseWriter, r *http.Request) {
	sendWhole(w, r, "评课量表.xlsx", []string{"量表", "学科", "版本", "指标数", "满分"}, s.Activity.FindRubricPage, func(x activity.Rubric) []string {
		subject := x.Subject
		if subject == "" {
			subject = "通用"
		}
		return []string{x.Name, subject, "第 " + strconv.Itoa(x.CurrentVersion) + " 版", strconv.Itoa(len(x.Body.Indicators)),
			strconv.FormatFloat(x.Body.MaxScore(), 'f', -1, 64)}
	})
}

// serviceExport sends the 送教助研 menu as Excel.
func (s *module) serviceExport(w http.ResponseWriter, r *http.Request) {
	sendWhole(w, r, "送教助研菜单.xlsx", []string{"服务项目", "学科", "发布单位"}, s.Activity.FindServiceItemPage, func(x activity.ServiceItem) []string {
		subject := x.Subject
		if subject == "" {
			subject = "不限"
		}
		return []string{x.Name, subject, x.Office}
	})
}

// roomExport sends one's 虚拟教研室 as Excel.
func (s *module) roomExport(w http.ResponseWriter, r *http.Request) {
	sendWhole(w, r, "虚拟教研室.xlsx", []string{"教研室", "学科", "学段"}, s.Activity.FindRoomPage, func(x activity.Room) []string {
		return []string{x.Name, x.Subject, x.Stage}
	})
}

// orderExport sends the 送教助研 orders the user may see as Excel.
func (s *module) orderExport(w http.ResponseWriter, r *http.Request) {
	sendWhole(w, r, "送教助研订单.xlsx", []string{"服务项目", "学校", "需求", "希望时间", "听众", "状态", "送教人员", "学时", "送教天数", "满意度", "反馈"},
		s.Activity.FindOrderPage, func(o activity.ServiceOrder) []string {
			sat := ""
			if o.Satisfaction > 0 {
				sat = strconv.Itoa(o.Satisfaction)
			}
			return []string{o.ItemName, o.SchoolName, o.Need, o.Preferred, o.Audience, o.StateName(), o.ProviderName,
				strconv.FormatFloat(o.Hours, 'f', -1, 64), strconv.Itoa(o.Days), sat, o.Feedback}
		})
}
