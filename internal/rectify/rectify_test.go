package rectify_test

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

type fixture struct {
	*testutil.World
	Svc *rectify.Service
}

func newFixture(t *testing.T) *fixture {
	w := testutil.NewWorld(t)
	return &fixture{World: w, Svc: &rectify.Service{DB: w.DB, Now: func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) }}}
}

// open opens a loop of a finding about school as the county admin a.
func (f *fixture) open(t *testing.T, a app.Actor, school, owner int64, due string) int64 {
	var id int64
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		id, err = rectify.OpenTx(ctx, tx, a, rectify.OpenInput{OwnerKind: "test_finding", OwnerID: owner, OrgID: school,
			Title: "数学低于县区平均", Due: due}, f.Svc.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (f *fixture) loop(t *testing.T, a app.Actor, id int64) rectify.Loop {
	l, err := f.Svc.FindLoopByID(ctx, a, id)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func openTodos(t *testing.T, f *fixture, user string) int {
	n, err := db.ReadValue(ctx, f.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, `SELECT COUNT(*) FROM todos t JOIN users u ON u.id = t.user_id WHERE u.username = ? AND t.done_at = 0
			AND t.todo_key LIKE 'rectify:%'`, user)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestTheLoopRunsThroughEveryStepAndTheTodosFollow(t *testing.T) {
	f := newFixture(t)
	id := f.open(t, f.CountyA, f.SchoolA, 1, "2026-06-30")
	s := f.SchoolAdminA
	if openTodos(t, f, "school_a") != 1 {
		t.Fatal("the school's leader has no 待办 for the new loop")
	}
	l := f.loop(t, s, id)
	if l.Status != rectify.StatusInterpret {
		t.Fatalf("new loop in %s", l.Status)
	}
	if err := f.Svc.Plan(ctx, s, id, l.Version, []rectify.Measure{{Content: "x", Owner: "y", Due: "2026-05-01"}}); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("a plan before the interpretation: %v", err)
	}
	must(t, f.Svc.Interpret(ctx, s, id, l.Version, "计算题失分集中在分数运算"))
	must(t, f.Svc.Investigate(ctx, s, id, l.Version+1, "听课12节，访谈学生30人"))
	l = f.loop(t, s, id)
	if err := f.Svc.Plan(ctx, s, id, l.Version, []rectify.Measure{{Content: "每周分数运算专项练习", Owner: "陈鹿城", Due: "2026-07-15"}}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("a measure due after the loop: %v", err)
	}
	must(t, f.Svc.Plan(ctx, s, id, l.Version, []rectify.Measure{{Content: "每周分数运算专项练习", Owner: "陈鹿城", Due: "2026-05-15"},
		{Content: "数学组集体备课", Owner: "赵校长", Due: "2026-06-01"}}))
	l = f.loop(t, s, id)
	if err := f.Svc.Submit(ctx, s, id, l.Version); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("submitted with measures lacking evidence: %v", err)
	}
	for i, m := range l.Measures {
		must(t, f.Svc.Evidence(ctx, s, id, l.Version+i, m.ID, "已完成，见教研记录"))
	}
	l = f.loop(t, s, id)
	must(t, f.Svc.Submit(ctx, s, id, l.Version))
	if openTodos(t, f, "school_a") != 0 || openTodos(t, f, "county_a") != 1 {
		t.Errorf("in review: school todos %d, county todos %d; want 0 and 1", openTodos(t, f, "school_a"), openTodos(t, f, "county_a"))
	}
	l = f.loop(t, s, id)
	if err := f.Svc.Review(ctx, s, id, l.Version, true, "好"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("the school reviews its own loop: %v", err)
	}
	must(t, f.Svc.Review(ctx, f.CountyA, id, l.Version, false, "请补充学生作业样例"))
	if l = f.loop(t, s, id); l.Status != rectify.StatusImplement || openTodos(t, f, "school_a") != 1 {
		t.Errorf("sent back: status %s, school todos %d", l.Status, openTodos(t, f, "school_a"))
	}
	must(t, f.Svc.Submit(ctx, s, id, l.Version))
	l = f.loop(t, s, id)
	must(t, f.Svc.Review(ctx, f.CountyA, id, l.Version, true, "整改到位"))
	if l = f.loop(t, f.CountyA, id); l.Status != rectify.StatusClosed || openTodos(t, f, "county_a")+openTodos(t, f, "school_a") != 0 {
		t.Errorf("closed loop: %s with todos left", l.Status)
	}
}

func TestCountySeesItsSchoolsOverdueFirstAndNobodyElseSees(t *testing.T) {
	f := newFixture(t)
	late := f.open(t, f.CountyA, f.SchoolA, 1, "2026-03-01")
	soon := f.open(t, f.CountyA, f.SchoolA, 2, "2026-04-01")
	early := f.open(t, f.CountyA, f.SchoolA, 3, "2026-02-01")
	other := f.open(t, f.CountyB, f.SchoolB, 4, "2026-01-01")
	list, _, err := f.Svc.FindLoops(ctx, f.CountyA, rectify.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, l := range list {
		got = append(got, l.ID)
	}
	if len(got) != 3 || got[0] != early || got[1] != late || got[2] != soon {
		t.Errorf("county A's list %v, want overdue %d, %d then %d", got, early, late, soon)
	}
	if !list[0].Overdue("2026-03-10") || list[2].Overdue("2026-03-10") {
		t.Error("overdue flags wrong")
	}
	if _, err := f.Svc.FindLoopByID(ctx, f.CountyA, other); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A opens county B's loop: %v", err)
	}
	l := f.loop(t, f.CountyB, other)
	if err := f.Svc.Interpret(ctx, f.SchoolAdminA, other, l.Version, "x"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("school A writes county B's loop: %v", err)
	}
	if err := f.Svc.Interpret(ctx, f.TeacherUserA, late, 1, "x"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher writes the loop: %v", err)
	}
}

func TestInvestigationFilesInScope(t *testing.T) {
	f := newFixture(t)
	id := f.open(t, f.CountyA, f.SchoolA, 1, "2026-06-30")
	other := f.open(t, f.CountyB, f.SchoolB, 2, "2026-06-30")
	fid, err := f.Svc.AddFile(ctx, f.SchoolAdminA, id, "调研记录.txt", strings.NewReader("访谈学生 20 人"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.AddFile(ctx, f.SchoolAdminA, other, "x.txt", strings.NewReader("x")); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("school A attaches to county B's loop: %v", err)
	}
	list, err := f.Svc.FindFiles(ctx, f.CountyA, id)
	if err != nil || len(list) != 1 || list[0].Name != "调研记录.txt" {
		t.Fatalf("files %v %v", list, err)
	}
	if _, _, err := f.Svc.File(ctx, f.CountyB, id, fid); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B reads county A's file: %v", err)
	}
	_, rc, err := f.Svc.File(ctx, f.CountyA, id, fid)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "访谈学生 20 人" {
		t.Errorf("file content %q", b)
	}
}
