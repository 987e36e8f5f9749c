package review_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/review"
)

func TestPoolJoinAndLeaveAreRecordedDecisionsInScope(t *testing.T) {
	f := newFixture(t)
	// county A's manager cannot put county B's teacher in county A's pool.
	_, err := f.svc.JoinPool(f.ctx, f.w.CountyA, review.Expert{PersonID: f.w.TeacherB, PoolOrgID: f.w.BureauA, Subjects: []string{"语文"}, MaxLoad: 5}, "推荐")
	mustCode(t, err, app.EINVALID)
	_, err = f.svc.JoinPool(f.ctx, f.w.CountyA, review.Expert{PersonID: f.w.TeacherA, PoolOrgID: f.w.BureauA, Subjects: []string{"数学"}, MaxLoad: 5}, "")
	mustCode(t, err, app.EINVALID) // a decision needs its reason
	id, err := f.svc.JoinPool(f.ctx, f.w.CountyA, review.Expert{PersonID: f.w.TeacherA, PoolOrgID: f.w.BureauA, Subjects: []string{"数学"}, MaxLoad: 5}, "区教研室推荐")
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.svc.FindExpertByID(f.ctx, f.w.CountyA, id)
	if err != nil || e.Name != "陈鹿城" || e.County != "330302" || e.OrgID != f.w.SchoolA {
		t.Fatalf("expert = %+v, %v", e, err)
	}
	_, err = f.svc.FindExpertByID(f.ctx, f.w.CountyB, id)
	mustCode(t, err, app.ENOTFOUND)
	if list, n, _ := f.svc.FindExperts(f.ctx, f.w.CountyB, review.ExpertFilter{}); n != 0 || len(list) != 0 {
		t.Fatalf("county B sees %d experts of county A", n)
	}
	// an outside expert (高校) has no teacher record.
	out, err := f.svc.JoinPool(f.ctx, f.w.CountyA, review.Expert{Name: "李教授", Affiliation: "温州大学", PoolOrgID: f.w.BureauA, Subjects: []string{"数学"}, MaxLoad: 8, Senior: true}, "高校专家")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.LeavePool(f.ctx, f.w.CountyA, id, "本人申请退出"); err != nil {
		t.Fatal(err)
	}
	ds, err := f.svc.Decisions(f.ctx, f.w.CountyA, id)
	if err != nil || len(ds) != 2 || ds[0].Kind != "join" || ds[1].Kind != "leave" || ds[1].Reason != "本人申请退出" {
		t.Fatalf("decisions = %+v, %v", ds, err)
	}
	list, n, err := f.svc.FindExperts(f.ctx, f.w.CountyA, review.ExpertFilter{Active: true})
	if err != nil || n != 1 || list[0].ID != out || list[0].Name != "李教授" || !list[0].Senior {
		t.Fatalf("active pool = %+v (%d), %v", list, n, err)
	}
}

func TestExpertFlagsForThePoolManager(t *testing.T) {
	cases := []struct {
		e    review.Expert
		want string
	}{
		{review.Expert{Done: 10}, ""},
		{review.Expert{Done: 6, Late: 3}, "逾期 3/6 次"},
		{review.Expert{Done: 1, Declines: 4}, "谢绝 4 次"},
		{review.Expert{Done: 8, Outliers: 3, Late: 1}, "逾期 1/8 次、评分偏离 3 次"},
	}
	for _, c := range cases {
		if got := strings.Join(c.e.Flags(), "、"); got != c.want {
			t.Errorf("%+v flags = %q, want %q", c.e, got, c.want)
		}
	}
}
