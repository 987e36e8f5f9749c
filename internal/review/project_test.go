package review_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/review"
)

func TestProjectLifecycleFromTheFinalList(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{Kind: review.KindProjectApply, Title: "2025年度市级课题申报", AwardQuota: 2})
	_, ea := f.expert(t, f.w.SchoolB, "评审专家", "expert_p1", "数学", 10, true)
	s1 := f.submit(t, f.w.TeacherUserA, c, "作业设计研究", "数学")
	_, tb := f.teacher(t, f.w.SchoolB, "龙湾教师", "teacher_pb", "数学")
	_ = tb
	f.pass(t, s1)
	if _, err := f.svc.Establish(f.ctx, f.w.CityAdmin, review.Establishment{Campaign: c, Level: review.LevelCity, Year: 2025,
		DueOpen: "2025-11-30", DueMid: "2026-06-30", DueEnd: "2026-12-31"}); err == nil || !strings.Contains(err.Error(), "最终名单") {
		t.Fatalf("establish before the final list: %v", err)
	}
	if _, err := f.svc.Assign(f.ctx, f.w.CityAdmin, c, nil); err != nil {
		t.Fatal(err)
	}
	tasks, _ := f.svc.MyTasks(f.ctx, ea)
	if err := f.svc.Declare(f.ctx, ea, tasks[0].ID, false, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SaveScores(f.ctx, ea, review.ScoreForm{Task: tasks[0].ID, Version: tasks[0].Version + 1, Scores: []float64{35, 50}, Final: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AggregateCampaign(f.ctx, f.w.CityAdmin, c); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.StartPublicity(f.ctx, f.w.CityAdmin, c, "2025-09-10", "2025-09-12"); err != nil {
		t.Fatal(err)
	}
	f.now = time.Date(2025, 9, 13, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if _, err := f.svc.Finalize(f.ctx, f.w.CityAdmin, c); err != nil {
		t.Fatal(err)
	}
	n, err := f.svc.Establish(f.ctx, f.w.CityAdmin, review.Establishment{Campaign: c, Level: review.LevelCity, Year: 2025,
		DueOpen: "2025-11-30", DueMid: "2026-06-30", DueEnd: "2026-12-31"})
	if err != nil || n != 1 {
		t.Fatalf("established %d, %v", n, err)
	}
	// the teacher sees their own project; county B sees none.
	mine, _, err := f.svc.FindProjects(f.ctx, f.w.TeacherUserA, review.ProjectFilter{})
	if err != nil || len(mine) != 1 || mine[0].Number != "2025市001" || mine[0].Leader != "陈鹿城" || mine[0].Status != review.ProjEstablished {
		t.Fatalf("mine = %+v, %v", mine, err)
	}
	if list, _, _ := f.svc.FindProjects(f.ctx, f.w.CountyB, review.ProjectFilter{}); len(list) != 0 {
		t.Fatal("county B sees county A's project")
	}
	p := mine[0]
	if !p.Overdue("2025-12-01") || p.Overdue("2025-11-30") {
		t.Fatal("开题 overdue flag wrong")
	}
	_, _, err = f.svc.FindProjectByID(f.ctx, f.w.CountyB, p.ID)
	mustCode(t, err, app.ENOTFOUND)
	mustCode(t, f.svc.Advance(f.ctx, f.w.CountyB, p.ID, p.Version, "2025-11-20", "", ""), app.ENOTFOUND)
	steps := []struct{ date, outcome string }{{"2025-11-20", ""}, {"2026-06-20", ""}, {"2026-12-20", "研究报告与作业设计案例集"}, {"2027-03-01", ""}}
	for i, st := range steps {
		if err := f.svc.Advance(f.ctx, f.w.CountyA, p.ID, p.Version+i, st.date, "按期完成", st.outcome); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	got, events, err := f.svc.FindProjectByID(f.ctx, f.w.TeacherUserA, p.ID)
	if err != nil || got.Status != review.ProjPromoted || len(events) != 4 || got.Outcome != "研究报告与作业设计案例集" || got.Next() != "" {
		t.Fatalf("project = %+v, %d events, %v", got, len(events), err)
	}
	table, err := f.svc.ProjectTable(f.ctx, f.w.CityAdmin, review.ProjectFilter{Year: 2025})
	if err != nil || len(table) != 1 || table[0].County != "鹿城区" || table[0].Count != 1 || table[0].Status != review.ProjPromoted {
		t.Fatalf("table = %+v, %v", table, err)
	}
	// 结题 issued a 结题证书 that checks publicly.
	certs, _ := f.svc.CertificatesOf(f.ctx, f.w.CityAdmin, c)
	found := false
	for _, x := range certs {
		if strings.HasPrefix(x.Award, "结题：") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no 结题证书 in %+v", certs)
	}
}
