package training_test

import (
	"strings"
	"sync"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
)

func TestSchoolAssignmentWaitsForTheOrganiser(t *testing.T) {
	f := newFixture(t)
	f.zhejiang(t)
	id, err := f.Svc.CreateProgram(ctx, f.CountyA, training.Program{SchoolYear: 2020, Title: "新班主任岗前培训", Kind: "new_head",
		Hours: 20, Provider: "鹿城区教师发展中心", EnrolMode: "school"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.SignUp(ctx, f.TeacherUserA, id); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a teacher signs up to an assigned program: %v", err)
	}
	if _, err := f.Svc.Nominate(ctx, f.SchoolAdminA, id, []int64{f.TeacherB}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("school A assigns 龙湾's teacher: %v", err)
	}
	if n, err := f.Svc.Nominate(ctx, f.SchoolAdminA, id, []int64{f.TeacherA}); err != nil || n != 1 {
		t.Fatalf("assign: %d %v", n, err)
	}
	if _, err := f.Svc.Nominate(ctx, f.SchoolAdminA, id, []int64{f.TeacherA}); err == nil || !strings.Contains(app.ErrorMessage(err), "陈鹿城已报名") {
		t.Errorf("assigning twice: %v", err)
	}
	p, _ := f.Svc.FindProgramByID(ctx, f.TeacherUserA, id)
	if p.Enrolled != 0 || p.Pending != 1 || p.MyState != "pending" || p.Mine {
		t.Errorf("before approval %+v", p)
	}
	link := "/programs/" + itoa(int(id))
	if n := openTodos(t, f, "county_a", link); n != 1 {
		t.Errorf("the organiser has %d approval 待办, want 1", n)
	}
	if _, err := f.Svc.DecideEnrolments(ctx, f.CountyB, id, []int64{f.TeacherA}, true, ""); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B approves: %v", err)
	}
	if _, err := f.Svc.DecideEnrolments(ctx, f.CountyA, id, []int64{f.TeacherA}, false, ""); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("returning without a reason: %v", err)
	}
	if n, err := f.Svc.DecideEnrolments(ctx, f.CountyA, id, []int64{f.TeacherA}, true, ""); err != nil || n != 1 {
		t.Fatalf("approve: %d %v", n, err)
	}
	if n := openTodos(t, f, "county_a", link); n != 0 {
		t.Errorf("the approval 待办 stays open after nothing waits: %d", n)
	}
	if got := strings.Join(messages(t, f, f.TeacherUserA.Username), "|"); !strings.Contains(got, "您已被「新班主任岗前培训」录取") {
		t.Errorf("the teacher was not told: %q", got)
	}
	if n, _ := f.Svc.CompleteProgram(ctx, f.CountyA, id, 1); n != 1 {
		t.Errorf("the approved teacher's hours: %d credited", n)
	}
}

func TestQuotaHoldsUnderTwoConcurrentNominations(t *testing.T) {
	f := newFixture(t)
	extra := f.MustPerson(t, org.Person{Name: "李鹿城", OrgID: f.SchoolA, Subjects: []string{"语文"}})
	id, err := f.Svc.CreateProgram(ctx, f.CityAdmin, training.Program{SchoolYear: 2020, Title: "市级骨干教师培训", Kind: "tier",
		Tier: "backbone", Hours: 40, Provider: "温州大学", EnrolMode: "quota"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.Nominate(ctx, f.CountyA, id, []int64{f.TeacherA}); err == nil || !strings.Contains(app.ErrorMessage(err), "名额") {
		t.Errorf("nominating without a quota: %v", err)
	}
	if err := f.Svc.SetQuota(ctx, f.CountyA, id, "330302", 5); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a county sets the city's quota: %v", err)
	}
	if err := f.Svc.SetQuota(ctx, f.CityAdmin, id, "330302", 1); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, person := range []int64{f.TeacherA, extra} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.Svc.Nominate(ctx, f.CountyA, id, []int64{person})
		}()
	}
	wg.Wait()
	ok, full := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case strings.Contains(app.ErrorMessage(err), "名额已满"):
			full++
		default:
			t.Errorf("nomination: %v", err)
		}
	}
	qs, _ := f.Svc.FindQuotas(ctx, f.CityAdmin, id)
	p, _ := f.Svc.FindProgramByID(ctx, f.CityAdmin, id)
	if ok != 1 || full != 1 || len(qs) != 1 || qs[0].Used != 1 || qs[0].Left() != 0 || p.Pending != 1 {
		t.Fatalf("one place, two nominations: %d passed, %d refused, quotas %+v, pending %d", ok, full, qs, p.Pending)
	}
	if err := f.Svc.SetQuota(ctx, f.CityAdmin, id, "330302", 0); err == nil {
		t.Error("the quota fell below the places used")
	}
	es, _ := f.Svc.FindEnrolments(ctx, f.CityAdmin, id)
	if _, err := f.Svc.DecideEnrolments(ctx, f.CityAdmin, id, []int64{es[0].PersonID}, false, "不符合骨干条件"); err != nil {
		t.Fatal(err)
	}
	if qs, _ = f.Svc.FindQuotas(ctx, f.CityAdmin, id); qs[0].Used != 0 {
		t.Errorf("a returned nominee's place is not given back: %+v", qs)
	}
	if _, err := f.Svc.Nominate(ctx, f.CountyB, id, []int64{f.TeacherB}); err == nil {
		t.Error("龙湾 nominated without a quota")
	}
}
