package training_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
)

func needsQuestions(t *testing.T) []training.Question {
	t.Helper()
	qs, err := training.ParseQuestions("单选|您最需要的培训内容|课堂教学;作业设计;信息技术\n多选｜希望的形式｜专家讲座；课例研讨；网络研修\n评分|对去年培训的满意度\n填空|其他建议")
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestNeedsSurveyReachesItsPopulationAndAggregates(t *testing.T) {
	f := newFixture(t)
	if _, err := training.ParseQuestions("单选|只有一个选项|甲"); err == nil || !strings.Contains(app.ErrorMessage(err), "第 1 行") {
		t.Errorf("a single choice with one option: %v", err)
	}
	id, err := f.Svc.CreateSurvey(ctx, f.CountyA, training.Survey{Title: "2020学年数学教师培训需求调研", Subject: "数学", Stage: "primary",
		Questions: needsQuestions(t)})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := f.Svc.CreateSurvey(ctx, f.CountyA, training.Survey{Title: "语文教师需求调研", Subject: "语文", Questions: needsQuestions(t)})
	if _, err := f.Svc.CreateSurvey(ctx, f.CountyA, training.Survey{Title: "x", RegionCode: "330303", Questions: needsQuestions(t)}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("county A surveying 龙湾区: %v", err)
	}
	list, _ := f.Svc.FindSurveys(ctx, f.TeacherUserA)
	if len(list) != 1 || list[0].ID != id || list[0].Targeted != 1 {
		t.Fatalf("the 数学 teacher's surveys: %+v", list)
	}
	if _, _, err := f.Svc.FindSurvey(ctx, f.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B sees 鹿城's survey: %v", err)
	}
	sv, _, err := f.Svc.FindSurvey(ctx, f.TeacherUserA, id)
	if err != nil {
		t.Fatal(err)
	}
	q := sv.Questions
	ans := training.Answers{q[0].ID: {"2"}, q[1].ID: {"1", "3"}, q[2].ID: {"4"}, q[3].ID: {"希望多些课例"}}
	if err := f.Svc.Answer(ctx, f.TeacherUserA, id, training.Answers{q[0].ID: {"2"}}); err == nil || !strings.Contains(app.ErrorMessage(err), "第 2 题") {
		t.Errorf("a missing answer: %v", err)
	}
	if err := f.Svc.Answer(ctx, f.TeacherUserA, id, training.Answers{q[0].ID: {"2"}, q[1].ID: {"1"}, q[2].ID: {"6"}}); err == nil {
		t.Error("a rating of 6 accepted")
	}
	if err := f.Svc.Answer(ctx, f.TeacherUserA, id, ans); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.Answer(ctx, f.TeacherUserA, id, ans); err == nil || !strings.Contains(app.ErrorMessage(err), "不能重复提交") {
		t.Errorf("answering twice: %v", err)
	}
	if err := f.Svc.Answer(ctx, f.TeacherUserA, other, ans); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("answering the 语文 survey: %v", err)
	}
	if _, err := f.Svc.FindSurveyResults(ctx, f.TeacherUserA, id); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher reads results: %v", err)
	}
	if _, err := f.Svc.FindSurveyResults(ctx, f.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B reads results: %v", err)
	}
	if err := f.Svc.CloseSurvey(ctx, f.CountyB, id, 1); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B closes 鹿城's survey: %v", err)
	}
	if err := f.Svc.CloseSurvey(ctx, f.CountyA, other, 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.CloseSurvey(ctx, f.CountyA, other, 2); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("closing twice: %v", err)
	}
	res, err := f.Svc.FindSurveyResults(ctx, f.CountyA, id)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rate() != "1/1（100.0%）" {
		t.Errorf("rate %q", res.Rate())
	}
	r0, r1, r2 := res.Questions[0].Options, res.Questions[1].Options, res.Questions[2]
	if r0[1].Count != 1 || r0[1].Share != "100.0%" || r0[0].Count != 0 || r1[0].Count != 1 || r1[2].Count != 1 || r1[1].Count != 0 {
		t.Errorf("choice counts %+v %+v", r0, r1)
	}
	if r2.Average != "4.0" || r2.Options[3].Count != 1 || len(res.Questions[3].Texts) != 1 || res.Questions[3].Texts[0] != "希望多些课例" {
		t.Errorf("rating and text %+v %+v", r2, res.Questions[3])
	}
}

func TestEvaluationAppearsInTheProgramReport(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	pid, err := f.Svc.CreateProgram(ctx, f.CountyA, training.Program{SchoolYear: 2020, Title: "骨干教师研修班", Kind: "tier",
		Hours: 30, Provider: "鹿城区教师发展中心", Open: true})
	if err != nil {
		t.Fatal(err)
	}
	qs, _ := training.ParseQuestions("评分|课程内容的实用性\n填空|改进建议")
	sid, err := f.Svc.CreateSurvey(ctx, f.CountyA, training.Survey{Title: "骨干教师研修班评价", ProgramID: pid, Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CreateSurvey(ctx, f.CountyB, training.Survey{Title: "x", ProgramID: pid, Questions: qs}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B evaluating 鹿城's program: %v", err)
	}
	sv, _, err := f.Svc.FindSurvey(ctx, f.TeacherUserA, sid)
	if app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a teacher not enrolled sees the evaluation: %v", err)
	}
	_ = f.Svc.SignUp(ctx, f.TeacherUserA, pid)
	if sv, _, err = f.Svc.FindSurvey(ctx, f.TeacherUserA, sid); err != nil || sv.Target() != "「骨干教师研修班」的报名学员" {
		t.Fatalf("enrolled teacher: %v %q", err, sv.Target())
	}
	if err := f.Svc.Answer(ctx, f.TeacherUserA, sid, training.Answers{sv.Questions[0].ID: {"5"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.CompleteProgram(ctx, f.CountyA, pid, 1); err != nil {
		t.Fatal(err)
	}
	rep, err := f.Svc.FindProgramReport(ctx, f.CountyA, pid)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Completion != "1/1（100.0%）" || rep.Evaluation == nil || rep.Evaluation.Questions[0].Average != "5.0" ||
		rep.Evaluation.Rate() != "1/1（100.0%）" {
		t.Errorf("report %+v", rep)
	}
	if _, err := f.Svc.FindProgramReport(ctx, f.CountyB, pid); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B reads the report: %v", err)
	}
}

// A needs survey goes to any region or school in the manager's scope,
// narrowed by tier, subject and stage; a target outside the scope is
// refused at its field and nothing is sent.
func TestNeedsSurveyTargetsARegionOrSchoolInScope(t *testing.T) {
	f := newFixture(t)
	other := f.MustSchool(t, "鹿城区第二小学", "330302", 3)
	f.MustPerson(t, org.Person{Name: "李二小", OrgID: other, Subjects: []string{"数学"}, Stages: []string{"primary"}})
	regions, schools, err := f.Svc.SurveyTargets(ctx, f.CountyA)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(regions) != "[{330302 鹿城区}]" || len(schools) != 2 || strings.Contains(fmt.Sprint(schools), "龙湾") {
		t.Errorf("county A may target %v and %v", regions, schools)
	}
	surveys := func() int {
		var n int
		_ = f.DB.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_surveys").Scan(&n) })
		return n
	}
	for _, bad := range []training.Survey{{OrgID: f.SchoolB}, {RegionCode: "330303"}, {RegionCode: "330300"}, {OrgID: f.BureauA}} {
		bad.Title, bad.Questions = "越权调研", needsQuestions(t)
		_, err := f.Svc.CreateSurvey(ctx, f.CountyA, bad)
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "管辖范围内") {
			t.Errorf("county A targeting %+v: %v", bad, err)
		}
	}
	if n := surveys(); n != 0 {
		t.Fatalf("%d surveys written by refused targets", n)
	}
	one, err := f.Svc.CreateSurvey(ctx, f.CountyA, training.Survey{Title: "实验小学调研", OrgID: f.SchoolA, Questions: needsQuestions(t)})
	if err != nil {
		t.Fatal(err)
	}
	sv, _, err := f.Svc.FindSurvey(ctx, f.CountyA, one)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Target() != "鹿城区实验小学" {
		t.Errorf("the school survey's target reads %q", sv.Target())
	}
	if list, _ := f.Svc.FindSurveys(ctx, f.TeacherUserA); len(list) != 1 || list[0].ID != one || list[0].Targeted != 2 {
		t.Errorf("the school's teacher sees %+v (want the survey, sent to its 2 people)", list)
	}
	city, err := f.Svc.CreateSurvey(ctx, f.CityAdmin, training.Survey{Title: "龙湾数学调研", RegionCode: "330303", Subject: "数学",
		Questions: needsQuestions(t)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Svc.FindSurveyResults(ctx, f.CityAdmin, city)
	if err != nil {
		t.Fatal(err)
	}
	if res.Targeted != 0 || res.Target() != "龙湾区 · 数学" {
		t.Errorf("龙湾 数学 survey targets %d (%s); 王龙湾 teaches 语文", res.Targeted, res.Target())
	}
	if _, err := f.Svc.CreateSurvey(ctx, f.CityAdmin, training.Survey{Title: "龙湾学校调研", OrgID: f.SchoolB, Tier: "backbone",
		Questions: needsQuestions(t)}); err != nil {
		t.Errorf("the city targeting a 龙湾 school: %v", err)
	}
}
