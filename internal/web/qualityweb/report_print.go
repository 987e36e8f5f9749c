package qualityweb

import (
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

type printSubject struct {
	Subject string
	School  groupRow
	Above   []groupRow // county and region
	Classes []groupRow
	Rows    []groupRow // the school, then its county and the region
	Weak    []itemRow  // items flagged for low discrimination
}

type printData struct {
	Exam     quality.Exam
	School   string
	SchoolID int64
	Subjects []printSubject
	Picked   int64 // ?report= an earlier analysis, 0 for the current
}

// reportPrint is the printable report of one school for its 二次解读: per
// subject the school beside its county and the region, its classes, and the
// items flagged for low discrimination. ?format=xlsx sends the same tables.
func (s *module) reportPrint(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadPrint(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "xlsx" {
		var rows [][]string
		for _, sub := range d.Subjects {
			for _, g := range append(sub.Rows, sub.Classes...) {
				rows = append(rows, append([]string{sub.Subject}, g.cells()...))
			}
		}
		web.SendTable(w, r, d.Exam.Name+"_"+d.School+"_分析报告.xlsx", append([]string{"科目"}, groupHeaders...), rows)
		return
	}
	web.Render(w, r, http.StatusOK, "report_print", web.PageData(d.School+" "+d.Exam.Name+" 分析报告", d))
}

func (s *module) loadPrint(r *http.Request) (printData, error) {
	id, err := web.PathID(r)
	if err != nil {
		return printData{}, err
	}
	var d printData
	r, d.Picked = withReport(r)
	ctx, a := r.Context(), web.ActorOf(r)
	var rp quality.Report
	if d.Exam, rp, err = s.Quality.FindReport(ctx, a, id); err != nil {
		return d, err
	}
	d.SchoolID = web.ParseID(r.URL.Query().Get("school"))
	for _, subject := range rp.Subjects {
		sub, err := s.printSubject(r, id, d.SchoolID, subject, &d.School)
		if err != nil {
			return d, err
		}
		d.Subjects = append(d.Subjects, sub)
	}
	return d, nil
}

func (s *module) printSubject(r *http.Request, examID, school int64, subject string, name *string) (printSubject, error) {
	ctx, a := r.Context(), web.ActorOf(r)
	out := printSubject{Subject: subject}
	schools, err := s.Quality.FindGroups(ctx, a, examID, quality.GroupSchool, subject)
	if err != nil {
		return out, err
	}
	var county string
	found := false
	for _, g := range schools {
		if g.SchoolID == school {
			out.School, county, *name, found = rowOf(g), g.County, g.School, true
		}
	}
	if !found {
		return out, app.Errorf(app.ENOTFOUND, "找不到该学校的报告，或您无权查看")
	}
	for _, level := range []string{quality.GroupCounty, quality.GroupRegion} {
		up, err := s.Quality.FindGroups(ctx, a, examID, level, subject)
		if err != nil {
			return out, err
		}
		for _, g := range up {
			if level == quality.GroupRegion || g.County == county {
				out.Above = append(out.Above, rowOf(g))
			}
		}
	}
	out.Rows = append([]groupRow{out.School}, out.Above...)
	classes, err := s.Quality.FindGroups(ctx, a, examID, quality.GroupClass, subject)
	for _, g := range classes {
		if g.SchoolID == school {
			out.Classes = append(out.Classes, rowOf(g))
		}
	}
	if err != nil {
		return out, err
	}
	items, err := s.Quality.FindItems(ctx, a, examID, subject)
	for _, it := range items {
		if row := itemRowOf(it); row.LowDiscrimination {
			out.Weak = append(out.Weak, row)
		}
	}
	return out, err
}
