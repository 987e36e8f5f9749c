package review_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/review"
)

func TestDraftQuotaAndWithdrawUntilDeadline(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{SchoolQuota: 1, Subjects: []string{"数学"}})
	_, t1 := f.teacher(t, f.w.SchoolA, "甲老师", "teacher1", "数学")
	_, t2 := f.teacher(t, f.w.SchoolA, "乙老师", "teacher2", "数学")
	// a draft is saved as typed, with a version for stale saves.
	id, v, err := f.svc.SaveDraft(f.ctx, t1, review.Submission{CampaignID: c, Title: "初稿", Subject: "数学"})
	if err != nil || v != 1 {
		t.Fatal(v, err)
	}
	if _, v, err = f.svc.SaveDraft(f.ctx, t1, review.Submission{ID: id, CampaignID: c, Version: 1, Title: "分数的意义", Subject: "数学", Stage: "primary", Content: "案例"}); err != nil || v != 2 {
		t.Fatal(v, err)
	}
	_, _, err = f.svc.SaveDraft(f.ctx, t1, review.Submission{ID: id, CampaignID: c, Version: 1, Title: "旧版本", Subject: "数学"})
	mustCode(t, err, app.ECONFLICT)
	// another teacher cannot edit it.
	_, _, err = f.svc.SaveDraft(f.ctx, t2, review.Submission{ID: id, CampaignID: c, Version: 2, Title: "x"})
	mustCode(t, err, app.ENOTFOUND)
	if err := f.svc.Submit(f.ctx, t1, id); err != nil {
		t.Fatal(err)
	}
	// eligibility: the call takes 数学 only; quota: 每校限报 1.
	other, _, _ := f.svc.SaveDraft(f.ctx, t2, review.Submission{CampaignID: c, Title: "古诗", Subject: "语文", Stage: "primary", Content: "x"})
	if err := f.svc.Submit(f.ctx, t2, other); err == nil || !strings.Contains(err.Error(), "语文") {
		t.Fatalf("subject rule: %v", err)
	}
	second, _, _ := f.svc.SaveDraft(f.ctx, t2, review.Submission{CampaignID: c, Title: "方程", Subject: "数学", Stage: "primary", Content: "x"})
	if err := f.svc.Submit(f.ctx, t2, second); err == nil || !strings.Contains(err.Error(), "每校限报 1") {
		t.Fatalf("quota: %v", err)
	}
	// the quota counts per school: county B's school still has its place.
	_, tb := f.teacher(t, f.w.SchoolB, "丙老师", "teacher3", "数学")
	f.submit(t, tb, c, "龙湾案例", "数学")
	// withdrawing frees the school's place.
	if err := f.svc.Withdraw(f.ctx, t1, id); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Submit(f.ctx, t2, second); err != nil {
		t.Fatal(err)
	}
}

func TestQuotaAtEveryRecommendationLevel(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{SchoolQuota: 0, CountyQuota: 2, CityQuota: 2})
	schoolA2 := f.w.MustSchool(t, "鹿城区第二小学", "330302", 3)
	admin2, _ := f.teacher(t, schoolA2, "二小校长", "head2", "数学", auth.RoleSchoolAdmin)
	_ = admin2
	var ids []int64
	for i, school := range []int64{f.w.SchoolA, f.w.SchoolA, schoolA2, f.w.SchoolB} {
		_, a := f.teacher(t, school, "教师"+string(rune('甲'+i)), "sub"+string(rune('a'+i)), "数学")
		ids = append(ids, f.submit(t, a, c, "案例"+string(rune('一'+i)), "数学"))
	}
	head2 := f.w.ActorOf(t, "head2")
	// a school can only recommend its own.
	mustCode(t, f.svc.Recommend(f.ctx, head2, c, review.LevelSchool, []int64{ids[0]}), app.ENOTFOUND)
	// county level needs the school level first.
	err := f.svc.Recommend(f.ctx, f.w.CountyA, c, review.LevelCounty, []int64{ids[0]})
	mustCode(t, err, app.EINVALID)
	if err := f.svc.Recommend(f.ctx, f.w.SchoolAdminA, c, review.LevelSchool, ids[:2]); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Recommend(f.ctx, head2, c, review.LevelSchool, ids[2:3]); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Recommend(f.ctx, f.w.CountyB, c, review.LevelSchool, ids[3:]); err != nil {
		t.Fatal(err)
	}
	// county A may put forward 2 of its 3, never 3, and nothing of county B.
	if err := f.svc.Recommend(f.ctx, f.w.CountyA, c, review.LevelCounty, ids[:3]); err == nil || !strings.Contains(err.Error(), "每县推荐名额为 2") {
		t.Fatalf("county quota: %v", err)
	}
	mustCode(t, f.svc.Recommend(f.ctx, f.w.CountyA, c, review.LevelCounty, ids[3:]), app.ENOTFOUND)
	if err := f.svc.Recommend(f.ctx, f.w.CountyA, c, review.LevelCounty, ids[:2]); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Recommend(f.ctx, f.w.CountyA, c, review.LevelCounty, ids[2:3]); err == nil {
		t.Fatal("a third county-A recommendation was accepted")
	}
	if err := f.svc.Recommend(f.ctx, f.w.CountyB, c, review.LevelCounty, ids[3:]); err != nil {
		t.Fatal(err)
	}
	// a county cannot recommend at city level; the city holds 2 of 3.
	mustCode(t, f.svc.Recommend(f.ctx, f.w.CountyA, c, review.LevelCity, ids[:1]), app.EFORBIDDEN)
	if err := f.svc.Recommend(f.ctx, f.w.CityAdmin, c, review.LevelCity, []int64{ids[0], ids[1], ids[3]}); err == nil {
		t.Fatal("city quota 2 let 3 through")
	}
	if err := f.svc.Recommend(f.ctx, f.w.CityAdmin, c, review.LevelCity, []int64{ids[0], ids[3]}); err != nil {
		t.Fatal(err)
	}
	// 形式审查 only on the top level.
	mustCode(t, f.svc.FormalCheck(f.ctx, f.w.CityAdmin, ids[1], true, ""), app.EINVALID)
	f.pass(t, ids[0], ids[3])
	list, n, err := f.svc.FindSubmissions(f.ctx, f.w.CityAdmin, review.SubmissionFilter{Campaign: c, Status: review.SubPassed})
	if err != nil || n != 2 || len(list) != 2 {
		t.Fatalf("passed = %d, %v", n, err)
	}
	// county A's list never shows county B's entry.
	list, _, _ = f.svc.FindSubmissions(f.ctx, f.w.CountyA, review.SubmissionFilter{Campaign: c})
	for _, x := range list {
		if x.ID == ids[3] {
			t.Fatal("county A sees county B's submission")
		}
	}
}

func TestWithdrawClosesAtTheDeadline(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{})
	id := f.submit(t, f.w.TeacherUserA, c, "案例", "数学")
	f.now = time.Date(2025, 10, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if err := f.svc.Withdraw(f.ctx, f.w.TeacherUserA, id); err == nil || !strings.Contains(err.Error(), "不能撤回") {
		t.Fatalf("withdraw after deadline: %v", err)
	}
	f.now = time.Date(2025, 9, 30, 20, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if err := f.svc.Withdraw(f.ctx, f.w.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	x, err := f.svc.FindSubmissionByID(f.ctx, f.w.TeacherUserA, id)
	if err != nil || x.Status != review.SubWithdrawn {
		t.Fatalf("%+v %v", x, err)
	}
}

func TestTheCallsOwnFieldsMustBeAnswered(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{Fields: []string{"研究基础", "预期成果"}})
	a := f.w.TeacherUserA
	id, v, err := f.svc.SaveDraft(f.ctx, a, review.Submission{CampaignID: c, Title: "课题", Subject: "数学", Stage: "primary", Content: "正文",
		Answers: []string{"已有两年实践"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Submit(f.ctx, a, id); err == nil || !strings.Contains(err.Error(), "请填写“预期成果”") {
		t.Fatalf("unanswered field: %v", err)
	}
	if _, _, err := f.svc.SaveDraft(f.ctx, a, review.Submission{ID: id, CampaignID: c, Version: v, Title: "课题", Subject: "数学", Stage: "primary",
		Content: "正文", Answers: []string{"已有两年实践", "研究报告一份"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Submit(f.ctx, a, id); err != nil {
		t.Fatal(err)
	}
	x, _ := f.svc.FindSubmissionByID(f.ctx, a, id)
	if len(x.Answers) != 2 || x.Answers[1] != "研究报告一份" {
		t.Fatalf("answers = %v", x.Answers)
	}
}
