package quality_test

import (
	"fmt"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/quality/analysis/gen"
	"jiaoyan/internal/testutil"
)

// benchCity builds the generated exam's city: ten counties 县区01..., the
// schools 学校0001... spread over them as the generator spreads them, and a
// city administrator; it returns the service, the actor and the exam id.
func benchCity(b *testing.B, sz gen.Size) (*quality.Service, app.Actor, int64) {
	e := testutil.NewEnv(b)
	e.MustRegion(b, "330300", "温州市", "city", "")
	var schools []int64
	for c := 0; c < sz.Counties; c++ {
		e.MustRegion(b, fmt.Sprintf("3303%02d", c+1), fmt.Sprintf("县区%02d", c+1), "county", "330300")
	}
	for sc := 0; sc < sz.Schools; sc++ {
		c := sc * sz.Counties / sz.Schools
		schools = append(schools, e.MustSchool(b, fmt.Sprintf("学校%04d", sc+1), fmt.Sprintf("3303%02d", c+1), sc+1))
	}
	city := e.MustOrg(b, org.Org{Name: "温州市教育局", Kind: org.KindBureau, RegionCode: "330300"})
	a := e.MustUser(b, e.MustPerson(b, org.Person{Name: "钱市局", OrgID: city}), "city_admin", auth.RoleCityAdmin)
	svc := &quality.Service{DB: e.DB, Org: e.Org}
	id, err := svc.CreateExam(ctx, a, quality.Exam{OrgID: city, Name: "市统测", Term: dict.Term{Year: 2025, Half: 1},
		Level: quality.LevelCity, Kind: quality.KindQuality, SchoolIDs: schools})
	if err != nil {
		b.Fatal(err)
	}
	return svc, a, id
}

// BenchmarkImportAndAnalyzeCity100k imports and analyses the city-100k
// exam (100,000 students, 9 subjects: 900,000 score rows) as the page's
// 导入并分析 does: one ImportAndAnalyze, the engine running on the parsed
// file while the scores are written. Run with
//
//	go test -run NONE -bench City100k -benchtime 1x ./internal/quality/
func BenchmarkImportAndAnalyzeCity100k(b *testing.B) {
	benchCity100k(b, func(svc *quality.Service, a app.Actor, id int64, scores []byte) {
		if _, err := svc.ImportAndAnalyze(ctx, a, id, "scores.csv", scores, nil); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkImportThenAnalyzeCity100k is the same exam in two steps, an
// import and then an analysis of the stored scores (import-s, analyze-s).
func BenchmarkImportThenAnalyzeCity100k(b *testing.B) {
	benchCity100k(b, func(svc *quality.Service, a app.Actor, id int64, scores []byte) {
		t0 := time.Now()
		if _, err := svc.ImportScores(ctx, a, id, "scores.csv", scores, nil); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := svc.Analyze(ctx, a, id, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(t1.Sub(t0).Seconds(), "import-s")
		b.ReportMetric(time.Since(t1).Seconds(), "analyze-s")
	})
}

// benchCity100k times run on a new city-100k exam with its paper imported,
// reporting total-s (wall) and cpu-s, then times the report pages' reads.
func benchCity100k(b *testing.B, run func(svc *quality.Service, a app.Actor, id int64, scores []byte)) {
	sz := gen.Sizes["city-100k"]
	files, err := gen.WriteFiles(b.TempDir(), sz, 1)
	if err != nil {
		b.Fatal(err)
	}
	items, _ := os.ReadFile(files.Items)
	scores, _ := os.ReadFile(files.Scores)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		svc, a, id := benchCity(b, sz)
		if _, err := svc.ImportPaper(ctx, a, id, "items.csv", items); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		t0 := time.Now()
		run(svc, a, id, scores)
		b.ReportMetric(time.Since(t0).Seconds(), "total-s")
		b.ReportMetric((cpuTime() - c0).Seconds(), "cpu-s") // the process's CPU: what a loaded machine does not inflate
		b.StopTimer()
		benchReads(b, svc, a, id)
	}
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchReads times the reads behind the report pages on the stored report.
func benchReads(b *testing.B, svc *quality.Service, a app.Actor, id int64) {
	schools, err := svc.FindGroups(ctx, a, id, quality.GroupSchool, "总分")
	if err != nil || len(schools) == 0 {
		b.Fatal("no school records", err)
	}
	school := schools[len(schools)/2].SchoolID
	reads := map[string]func() error{
		"county": func() error { _, err := svc.FindGroups(ctx, a, id, quality.GroupCounty, "数学"); return err },
		"school-page": func() error {
			_, _, err := svc.FindGroupsPage(ctx, a, id, quality.GroupSchool, "数学", 200, 50)
			return err
		},
		"class-page": func() error {
			_, _, err := svc.FindGroupsPage(ctx, a, id, quality.GroupClass, "数学", 1200, 50)
			return err
		},
		"class-all":   func() error { _, err := svc.FindGroups(ctx, a, id, quality.GroupClass, "数学"); return err },
		"report-page": func() error { return reportPageReads(svc, a, id) },
		"items":       func() error { _, err := svc.FindItems(ctx, a, id, "数学"); return err },
		"student":     func() error { _, err := svc.FindSchoolStudents(ctx, a, id, school); return err },
	}
	for name, fn := range reads {
		var times []time.Duration
		for range 21 {
			t := time.Now()
			if err := fn(); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(t))
		}
		slices.Sort(times)
		b.ReportMetric(float64(times[10].Microseconds())/1000, "read-"+name+"-median-ms")
		b.ReportMetric(float64(times[20].Microseconds())/1000, "read-"+name+"-max-ms")
	}
}

// reportPageReads are the reads of /exams/{id}/report?level=school&subject=数学:
// the head, a page of schools, the counties above, the region, the items,
// the value-added, the previous exam's 标准分 and the papers.
func reportPageReads(svc *quality.Service, a app.Actor, id int64) error {
	if _, _, err := svc.FindReport(ctx, a, id); err != nil {
		return err
	}
	if _, _, err := svc.FindGroupsPage(ctx, a, id, quality.GroupSchool, "数学", 0, 50); err != nil {
		return err
	}
	for _, l := range []string{quality.GroupCounty, quality.GroupRegion} {
		if _, err := svc.FindGroups(ctx, a, id, l, "数学"); err != nil {
			return err
		}
	}
	if _, err := svc.FindItems(ctx, a, id, "数学"); err != nil {
		return err
	}
	if _, err := svc.FindValueAdded(ctx, a, id, "数学"); err != nil {
		return err
	}
	if _, _, err := svc.FindPreviousT(ctx, a, id, "数学"); err != nil {
		return err
	}
	_, err := svc.FindPapers(ctx, a, id)
	return err
}
