package activityweb

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
)

type ruleData struct {
	activity.RuleReport
	Page  []activity.ResearcherLessons
	Pager web.Pager
	Years []yearChoice
}

type yearChoice struct {
	Year     int
	Selected bool
}

// yearOf reads ?year=2025, defaulting to the current 学年.
func (s *module) yearOf(r *http.Request) int {
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return dict.SchoolYearOf(s.now().In(activity.CST))
}

// observationRule is the report 听课评课 per researcher against the region's
// rule 每学年听课, for a 学年 (?year=), paged.
func (s *module) observationRule(w http.ResponseWriter, r *http.Request) {
	year := s.yearOf(r)
	rep, err := s.Activity.ObservationRuleReport(r.Context(), web.ActorOf(r), year)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	off, page := web.PageOf(r)
	d := ruleData{RuleReport: rep, Pager: web.NewPager(r.URL.Query(), page, len(rep.Rows))}
	d.Page = rep.Rows[min(off, len(rep.Rows)):min(off+web.PageSize, len(rep.Rows))]
	now := dict.SchoolYearOf(s.now().In(activity.CST))
	for y := now; y >= now-3; y-- {
		d.Years = append(d.Years, yearChoice{y, y == year})
	}
	web.Render(w, r, http.StatusOK, "observation_rule", web.PageData("听课评课统计", d))
}

// observationRuleExport sends the whole report as Excel.
func (s *module) observationRuleExport(w http.ResponseWriter, r *http.Request) {
	year := s.yearOf(r)
	rep, err := s.Activity.ObservationRuleReport(r.Context(), web.ActorOf(r), year)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	read := func(_ context.Context, _ app.Actor, p activity.ListPage) ([]activity.ResearcherLessons, int, error) {
		from := min(p.Offset, len(rep.Rows))
		return rep.Rows[from:min(from+p.Limit, len(rep.Rows))], len(rep.Rows), nil
	}
	sendWhole(w, r, fmt.Sprintf("%d学年教研员听课评课统计.xlsx", year), []string{"区域", "单位", "教研员", "已听课（节）", "要求", "完成情况"}, read,
		func(x activity.ResearcherLessons) []string {
			return []string{x.Region, x.Org, x.Name, strconv.Itoa(x.Lessons), ruleText(x), statusText(x)}
		})
}

// ruleText is the rule as the report shows it, or why there is none.
func ruleText(x activity.ResearcherLessons) string {
	if !x.RuleSet {
		return x.Unset
	}
	return strconv.FormatFloat(x.Required, 'f', -1, 64) + " 节"
}

func statusText(x activity.ResearcherLessons) string {
	switch {
	case !x.RuleSet:
		return "无法判断"
	case x.Met():
		return "已达到"
	}
	return fmt.Sprintf("还差 %d 节", x.Short())
}

// RuleText is ruleText for the template.
func (d ruleData) RuleText(x activity.ResearcherLessons) string { return ruleText(x) }

// StatusText is statusText for the template.
func (d ruleData) StatusText(x activity.ResearcherLessons) string { return statusText(x) }
