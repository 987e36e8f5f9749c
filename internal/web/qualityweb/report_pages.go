package qualityweb

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

// levels are the report's views, top down, with their Chinese names.
var levels = []struct{ Key, Name, Above string }{
	{quality.GroupRegion, "全区", ""}, {quality.GroupCounty, "县区", quality.GroupRegion},
	{quality.GroupSchool, "学校", quality.GroupCounty}, {quality.GroupClass, "班级", quality.GroupSchool},
}

type reportData struct {
	Exam      quality.Exam
	Report    quality.Report
	Level     string
	LevelName string
	Levels    []struct{ Key, Name, Above string }
	Subject   string
	Rows      []groupRow
	Above     []groupRow
	AboveName string
	Items     []itemRow
	Value     []vaRow
	Charts    []string
	Schools   []quality.Group // the school records shown, for the print links
	Previous  string          // the previous exam compared with, school level
	Pager     web.Pager       // school and class levels page
	Paged     bool
	Runs      []quality.ReportRun // every stored analysis of the exam, newest first
	Picked    int64               // ?report= an earlier analysis, 0 for the current
}

// withReport reads ?report= (an earlier stored analysis of the exam) into
// the request's context, for the report reads.
func withReport(r *http.Request) (*http.Request, int64) {
	id := web.ParseID(r.URL.Query().Get("report"))
	return r.WithContext(quality.WithReport(r.Context(), id)), id
}

// reportQuery reads ?level= and ?subject= against the report.
func reportQuery(r *http.Request, rp quality.Report) (level, above, subject string) {
	level, subject = r.URL.Query().Get("level"), r.URL.Query().Get("subject")
	i := slices.IndexFunc(levels, func(l struct{ Key, Name, Above string }) bool { return l.Key == level })
	if i < 0 {
		i = 1
	}
	if !slices.Contains(rp.Subjects, subject) && len(rp.Subjects) > 0 {
		subject = rp.Subjects[len(rp.Subjects)-1] // 总分
	}
	return levels[i].Key, levels[i].Above, subject
}

// reportView shows the stored report at one level for one subject: the
// table of every group the user may see beside the level above, the charts,
// the items and the value-added. Nothing is recomputed.
func (s *module) reportView(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadReport(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	p := web.PageData(d.Exam.Name+" 分析报告", d)
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: d.Exam.Name, URL: "/exams/" + web.Itoa64(d.Exam.ID)}, {Name: "分析报告"}}
	web.Render(w, r, http.StatusOK, "report_view", p)
}

// loadReport reads what the report page and its exports show: the stored
// report's head and history, the groups of the level asked for (a page of
// them at school and class level) beside the level above, and the details.
func (s *module) loadReport(r *http.Request) (reportData, error) {
	id, err := web.PathID(r)
	if err != nil {
		return reportData{}, err
	}
	var d reportData
	r, d.Picked = withReport(r)
	ctx, a := r.Context(), web.ActorOf(r)
	d.Exam, d.Report, err = s.Quality.FindReport(ctx, a, id)
	if err == nil {
		d.Runs, err = s.Quality.FindReportHistory(ctx, a, id)
	}
	if err != nil {
		return d, err
	}
	if d.Picked == d.Exam.ReportID {
		d.Picked = 0
	}
	var above string
	d.Level, above, d.Subject = reportQuery(r, d.Report)
	d.Levels = levels
	for _, l := range levels {
		if l.Key == d.Level {
			d.LevelName = l.Name
		}
	}
	groups, err := s.levelGroups(r, &d, id)
	if err == nil {
		err = s.groupRows(r, &d, id, groups)
	}
	if err == nil {
		err = s.aboveRows(r, &d, id, above, groups)
	}
	if err != nil {
		return d, err
	}
	return d, s.reportDetails(r, &d, groups)
}

// levelGroups reads the groups of d's level: all of a region or county
// level; one page of a school or class level (all of it for an export).
func (s *module) levelGroups(r *http.Request, d *reportData, id int64) ([]quality.Group, error) {
	ctx, a := r.Context(), web.ActorOf(r)
	if d.Level != quality.GroupSchool && d.Level != quality.GroupClass {
		return s.Quality.FindGroups(ctx, a, id, d.Level, d.Subject)
	}
	off, page := web.PageOf(r)
	if r.URL.Query().Get("format") == "xlsx" || strings.HasSuffix(r.URL.Path, "/export") {
		off, page = 0, 1
	}
	limit := web.PageSize
	if strings.HasSuffix(r.URL.Path, "/export") {
		limit = 1 << 20
	}
	groups, total, err := s.Quality.FindGroupsPage(ctx, a, id, d.Level, d.Subject, off, limit)
	d.Pager = web.NewPager(r.URL.Query(), page, total)
	d.Paged = true
	return groups, err
}

// groupRows fills d's rows from groups; at school level each row shows the
// change of its 标准分 since the previous exam.
func (s *module) groupRows(r *http.Request, d *reportData, id int64, groups []quality.Group) error {
	var prev map[string]float64
	if d.Level == quality.GroupSchool {
		d.Schools = groups
		var err error
		if prev, d.Previous, err = s.Quality.FindPreviousT(r.Context(), web.ActorOf(r), id, d.Subject); err != nil {
			return err
		}
	}
	for _, g := range groups {
		row := rowOf(g)
		if p, ok := prev[strconv.FormatInt(g.SchoolID, 10)+"/"+g.Subject]; ok && g.TScore != nil {
			row.Change = changeText(*g.TScore - p)
		}
		d.Rows = append(d.Rows, row)
	}
	return nil
}

// aboveRows fills d's rows of the level above: the schools of the classes
// shown, or the whole level above ("" for none).
func (s *module) aboveRows(r *http.Request, d *reportData, id int64, above string, groups []quality.Group) error {
	ctx, a := r.Context(), web.ActorOf(r)
	var up []quality.Group
	var err error
	switch above {
	case "":
		return nil
	case quality.GroupSchool:
		var ids []int64
		for _, g := range groups {
			if !slices.Contains(ids, g.SchoolID) {
				ids = append(ids, g.SchoolID)
			}
		}
		up, err = s.Quality.FindGroupsOf(ctx, a, id, above, d.Subject, ids)
	default:
		up, err = s.Quality.FindGroups(ctx, a, id, above, d.Subject)
	}
	for _, g := range up {
		d.Above = append(d.Above, rowOf(g))
	}
	return err
}

// reportDetails adds the items, value-added and charts of the view.
func (s *module) reportDetails(r *http.Request, d *reportData, groups []quality.Group) error {
	ctx, a := r.Context(), web.ActorOf(r)
	region, err := s.Quality.FindGroups(ctx, a, d.Exam.ID, quality.GroupRegion, d.Subject)
	if err != nil {
		return err
	}
	var reg *quality.Group
	if len(region) == 1 {
		reg = &region[0]
	}
	items, err := s.Quality.FindItems(ctx, a, d.Exam.ID, d.Subject)
	if err != nil {
		return err
	}
	for _, it := range items {
		d.Items = append(d.Items, itemRowOf(it))
	}
	va, err := s.Quality.FindValueAdded(ctx, a, d.Exam.ID, d.Subject)
	if err != nil {
		return err
	}
	for _, v := range va {
		if v.Subject == d.Subject && (v.Level == d.Level || d.Level != quality.GroupClass && v.Level == quality.GroupSchool) {
			d.Value = append(d.Value, vaRowOf(v))
		}
	}
	width, full, err := s.bandsOf(r, d)
	if err != nil {
		return err
	}
	shown := groups
	if d.Level == quality.GroupRegion {
		shown = nil
	}
	var focus *quality.Group
	if len(groups) > 0 {
		focus = &groups[0]
	}
	for _, c := range []string{distributionChart(shown, reg, width, full), gradeChart(shown, reg), boxChart(groups), itemChart(items), radarChart(focus, reg)} {
		if c != "" {
			d.Charts = append(d.Charts, c)
		}
	}
	return nil
}

// bandsOf returns the band width of the report and the full marks of the
// view's subject (the sum of the papers for 总分).
func (s *module) bandsOf(r *http.Request, d *reportData) (float64, float64, error) {
	var meta struct {
		BandWidth float64 `json:"band_width"`
	}
	if err := json.Unmarshal(d.Report.Meta, &meta); err != nil {
		return 0, 0, app.Errorf(app.EINTERNAL, "报告数据有误")
	}
	fulls, err := s.Quality.FindFullMarks(r.Context(), web.ActorOf(r), d.Exam.ID)
	var full float64
	for subject, f := range fulls {
		if subject == d.Subject || (d.Subject == "总分" && slices.Contains(d.Report.Subjects, subject)) {
			full += f
		}
	}
	return meta.BandWidth, full, err
}

// reportExport sends the view's table (and the level above) as Excel, with
// the same figures as the page.
func (s *module) reportExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadReport(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, g := range append(d.Above, d.Rows...) {
		rows = append(rows, g.cells())
	}
	web.SendTable(w, r, d.Exam.Name+"_"+d.LevelName+"_"+d.Subject+".xlsx", groupHeaders, rows)
}

// changeText says a change of 标准分: 进步 +2.1, 退步 −3.0, or 持平.
func changeText(d float64) string {
	switch {
	case d >= 0.05:
		return fmt.Sprintf("进步 +%.1f", d)
	case d <= -0.05:
		return fmt.Sprintf("退步 %.1f", d)
	}
	return "持平"
}
