package qualityweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

type studentData struct {
	Exam     quality.Exam
	Subjects []string
	Schools  []quality.Group
	School   int64
	Rows     [][]string
	Pager    web.Pager
}

// studentList shows one school's students with their scores, never a rank
// (未成年人学校保护规定): a school sees its own students and nobody else's.
func (s *module) studentList(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	r, _ = withReport(r) // ?report= an earlier analysis, as on the report page
	ctx, a := r.Context(), web.ActorOf(r)
	var d studentData
	var rp quality.Report
	if err == nil {
		d.Exam, rp, err = s.Quality.FindReport(ctx, a, id)
	}
	if err == nil {
		d.Schools, err = s.Quality.FindReportSchools(ctx, a, id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Subjects = rp.Subjects
	d.School = web.ParseID(r.URL.Query().Get("school"))
	if d.School == 0 && len(d.Schools) > 0 {
		d.School = d.Schools[0].SchoolID
	}
	var list []quality.StudentScores
	if d.School != 0 {
		if list, err = s.Quality.FindSchoolStudents(ctx, a, id, d.School); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	var rows [][]string
	for _, st := range list {
		row := []string{st.StudentID, st.Class}
		for _, sc := range st.Scores {
			row = append(row, num(sc))
		}
		rows = append(rows, row)
	}
	if r.URL.Query().Get("format") == "xlsx" {
		web.SendTable(w, r, d.Exam.Name+"_学生成绩.xlsx", append([]string{"考号", "班级"}, d.Subjects...), rows)
		return
	}
	off, page := web.PageOf(r)
	d.Pager = web.NewPager(r.URL.Query(), page, len(rows))
	d.Rows = rows[min(off, len(rows)):min(off+web.PageSize, len(rows))]
	p := web.PageData(d.Exam.Name+" 学生成绩", d)
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: d.Exam.Name, URL: "/exams/" + web.Itoa64(id)}, {Name: "学生成绩"}}
	web.Render(w, r, http.StatusOK, "student_list", p)
}

type rankData struct {
	Exam     quality.Exam
	Subjects []string
	Rows     [][]string
	Pager    web.Pager
}

// rankList shows full student records with ranks, for bureau users holding
// the explicit permission; each opening is audited by the service.
func (s *module) rankList(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	r, _ = withReport(r)
	ctx, a := r.Context(), web.ActorOf(r)
	var d rankData
	var rp quality.Report
	if err == nil {
		d.Exam, rp, err = s.Quality.FindReport(ctx, a, id)
	}
	off, page := web.PageOf(r)
	var list []quality.StudentRecord
	var total int
	if err == nil {
		list, total, err = s.Quality.FindRegionStudents(ctx, a, id, off, web.PageSize)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Subjects = rp.Subjects
	for _, st := range list {
		row := []string{st.StudentID, st.County, st.School, st.Class}
		for i, sc := range st.Scores {
			row = append(row, num(sc), rank(st.RankRegion, i), rank(st.RankCounty, i), rank(st.RankSchool, i))
		}
		d.Rows = append(d.Rows, row)
	}
	d.Pager = web.NewPager(r.URL.Query(), page, total)
	p := web.PageData(d.Exam.Name+" 学生排名", d)
	p.Crumbs = []web.Crumb{{Name: "考试与报告", URL: "/exams"}, {Name: d.Exam.Name, URL: "/exams/" + web.Itoa64(id)}, {Name: "学生排名"}}
	web.Render(w, r, http.StatusOK, "rank_list", p)
}

func rank(r []*int, i int) string {
	if i >= len(r) || r[i] == nil {
		return "—"
	}
	return strconv.Itoa(*r[i])
}
