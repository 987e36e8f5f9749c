package quality_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
)

// Two participating schools of 鹿城区 are both called 鹿城区实验小学 (codes
// 2330000001 and 2330000009). A names-only scores file cannot say which is
// which: the import is refused, naming the first row of the name and both
// schools, and nothing is written. With a 学校代码 column each row goes to
// its school, and the report keeps the two apart.
func TestSameNameSchoolsNeedTheSchoolCode(t *testing.T) {
	f := newFixture(t)
	twin := f.MustSchool(t, "鹿城区实验小学", "330302", 9)
	id, err := f.Svc.CreateExam(ctx, f.CityAdmin, quality.Exam{OrgID: f.CityAdmin.OrgID, Name: "同名学校检测",
		Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCity, Kind: quality.KindQuality,
		SchoolIDs: []int64{f.SchoolA, twin, f.SchoolB}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, id, "题目表.csv", []byte("科目,题号,满分\n数学,1,10\n")); err != nil {
		t.Fatal(err)
	}
	names := "考号,县区,学校,班级,科目,第1题\n" +
		"S1,龙湾区,龙湾区永中小学,1班,数学,5\n" +
		"S2,鹿城区,鹿城区实验小学,1班,数学,8\n" +
		"S3,鹿城区,鹿城区实验小学,2班,数学,2\n"
	_, err = f.Svc.ImportScores(ctx, f.CityAdmin, id, "成绩.csv", []byte(names), nil)
	var ae *app.Error
	if !asAppError(err, &ae) || ae.Row != 3 || ae.Field != "学校" {
		t.Fatalf("names-only import of a shared name: %v, want an error at row 3, field 学校", err)
	}
	for _, want := range []string{"第3行", "鹿城区", "鹿城区实验小学（学校代码 2330000001）", "鹿城区实验小学（学校代码 2330000009）", "学校代码"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
	if imps, err := f.Svc.FindImports(ctx, f.CityAdmin, id); err != nil || len(imps) != 0 {
		t.Fatalf("after the refused import: %v %v, want nothing written", imps, err)
	}

	coded := "考号,县区,学校,学校代码,班级,科目,第1题\n" +
		"S1,龙湾区,龙湾区永中小学,2330000002,1班,数学,5\n" +
		"S2,鹿城区,鹿城区实验小学,2330000001,1班,数学,8\n" +
		"S3,鹿城区,鹿城区实验小学,2330000009,1班,数学,2\n" +
		"S4,鹿城区,鹿城区实验小学,2330000009,1班,数学,4\n"
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, id, "成绩.csv", []byte(coded), nil); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(coded, "2330000009,1班,数学,4", "2339999999,1班,数学,4", 1)
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, id, "成绩.csv", []byte(bad), nil); !asAppError(err, &ae) || ae.Row != 5 ||
		!strings.Contains(err.Error(), "2339999999") {
		t.Errorf("an unknown school code: %v, want an error at row 5 naming it", err)
	}
	if _, err := f.Svc.Analyze(ctx, f.CityAdmin, id, nil); err != nil {
		t.Fatal(err)
	}
	groups, err := f.Svc.FindGroups(ctx, f.CityAdmin, id, quality.GroupSchool, "数学")
	if err != nil {
		t.Fatal(err)
	}
	mean := map[int64]float64{}
	for _, g := range groups {
		if g.Mean != nil {
			mean[g.SchoolID] = *g.Mean
		}
	}
	if mean[f.SchoolA] != 8 || mean[twin] != 3 || mean[f.SchoolB] != 5 || len(mean) != 3 {
		t.Errorf("school means %v, want 8 for the first 实验小学, 3 for its namesake, 5 for 永中小学", mean)
	}
	shown := map[string]bool{}
	list, err := f.Svc.FindReportSchools(ctx, f.CityAdmin, id)
	for _, g := range list {
		shown[g.School] = true
	}
	if err != nil || !shown["鹿城区实验小学（学校代码 2330000001）"] || !shown["鹿城区实验小学（学校代码 2330000009）"] {
		t.Errorf("the students page's schools %v (%v) do not tell the two apart", shown, err)
	}
}

func asAppError(err error, ae **app.Error) bool {
	if err == nil {
		return false
	}
	e, ok := err.(*app.Error)
	if !ok {
		if u, ok2 := err.(interface{ Unwrap() error }); ok2 {
			return asAppError(u.Unwrap(), ae)
		}
		return false
	}
	*ae = e
	return true
}
