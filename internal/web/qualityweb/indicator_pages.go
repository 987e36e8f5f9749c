package qualityweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

type indicatorData struct {
	Lines   []indicatorLine
	Names   map[string]string
	Order   []string
	Schools []quality.SchoolChoice
	Year    int
}

type indicatorLine struct {
	County, Strong, Weak string
	Year                 int
	Values               []string
}

// indicatorPage is 004's indicators per county by 学年: the entered
// results and the 优势/薄弱学科 of the year's exams (a summary of a few
// lines per county, not a paged list).
func (s *module) indicatorPage(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	lines, err := s.Quality.FindIndicators(r.Context(), a)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := indicatorData{Names: quality.IndicatorNames, Order: quality.IndicatorOrder, Year: dict.TermOf(nowCST()).Year}
	for _, l := range lines {
		il := indicatorLine{County: l.County, Year: l.Year, Strong: dash(l.Strong), Weak: dash(l.Weak)}
		if l.Weak == "" && l.WeakNote != "" {
			il.Weak = l.WeakNote
		}
		for _, k := range quality.IndicatorOrder {
			v := "—"
			if p := l.Indicators[k]; p != nil {
				v = strconv.FormatFloat(*p, 'f', 1, 64) + "%（" + strconv.Itoa(l.Schools[k]) + "校）"
			}
			il.Values = append(il.Values, v)
		}
		d.Lines = append(d.Lines, il)
	}
	if r.URL.Query().Get("format") == "xlsx" {
		var rows [][]string
		for _, l := range d.Lines {
			rows = append(rows, append(append([]string{l.County, strconv.Itoa(l.Year) + "学年"}, l.Values...), l.Strong, l.Weak))
		}
		head := []string{"县区", "学年"}
		for _, k := range quality.IndicatorOrder {
			head = append(head, quality.IndicatorNames[k])
		}
		web.SendTable(w, r, "学业质量指标.xlsx", append(head, "优势学科", "薄弱学科"), rows)
		return
	}
	if a.Can(quality.PermManage) {
		if c, err := s.Quality.FindNewExamChoices(r.Context(), a); err == nil {
			d.Schools = c.Schools
		}
	}
	web.Render(w, r, http.StatusOK, "indicators", web.PageData("学业质量指标", d))
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// indicatorSave records one school's indicator for a 学年.
func (s *module) indicatorSave(w http.ResponseWriter, r *http.Request) {
	v, err := strconv.ParseFloat(web.FormStr(r, "value"), 64)
	if err != nil {
		v = -1
	}
	err = s.Quality.SetIndicator(r.Context(), web.ActorOf(r), web.FormInt64(r, "school_id"), web.FormInt(r, "year"), web.FormStr(r, "indicator"), v)
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/quality/indicators")
}
