package review_test

import (
	"strconv"
	"strings"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
	"jiaoyan/internal/review"
)

// TestReassignIsOptimalAcrossAllShortSubmissions: 数学 S1 lacks one
// reviewer and 语文 S2 lacks two. The new experts are X (数学 and 语文,
// 小学: the best fit for S1) and Y (数学 only), one review each. Solving
// the submissions short by one first, as groups, gives S1 to X and leaves
// S2 with nobody: 1 invitation. The optimum across both is S1 ← Y and
// S2 ← X: 2 invitations, and S1 keeps its reviewer.
func TestReassignIsOptimalAcrossAllShortSubmissions(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{Reviewers: 2})
	p1, _ := f.expert(t, f.w.SchoolB, "数学甲", "math_1", "数学", 1, false)
	p2, _ := f.expert(t, f.w.SchoolB, "数学乙", "math_2", "数学", 1, false)
	p3, _ := f.expert(t, f.w.SchoolB, "语文丙", "chinese_3", "语文", 1, false)
	p4, _ := f.expert(t, f.w.SchoolB, "语文丁", "chinese_4", "语文", 1, false)
	_, writer := f.teacher(t, f.w.SchoolA, "语文作者", "chinese_author", "语文")
	s1 := f.submit(t, f.w.TeacherUserA, c, "鹿城数学案例", "数学")
	s2 := f.submit(t, writer, c, "鹿城语文案例", "语文")
	f.pass(t, s1, s2)
	if out, err := f.svc.Assign(f.ctx, f.w.CityAdmin, c, nil); err != nil || out.Pairs != 4 {
		t.Fatalf("first assignment %+v %v", out, err)
	}
	for _, u := range []string{"math_2", "chinese_3", "chinese_4"} {
		tasks, err := f.svc.MyTasks(f.ctx, f.w.ActorOf(t, u))
		if err != nil || len(tasks) != 1 {
			t.Fatalf("%s tasks %v %v", u, tasks, err)
		}
		if err := f.svc.Respond(f.ctx, f.w.ActorOf(t, u), tasks[0].ID, false, "出差"); err != nil {
			t.Fatal(err)
		}
	}
	join := func(name, user string, subjects, stages []string) int64 {
		pid, _ := f.teacher(t, f.w.SchoolB, name, user, subjects[0], auth.RoleExpert)
		id, err := f.svc.JoinPool(f.ctx, f.w.CityAdmin, review.Expert{PersonID: pid, PoolOrgID: f.city, Subjects: subjects,
			Stages: stages, MaxLoad: 1}, "补充入库")
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	x := join("全科戊", "both_x", []string{"数学", "语文"}, []string{"primary"})
	y := join("数学己", "math_y", []string{"数学"}, nil)

	// What solving S1's group alone would do: X takes S1, and S2 (which
	// only X fits) is left with nobody.
	p, err := f.svc.ReassignProblem(f.ctx, f.w.CityAdmin, c)
	if err != nil || p == nil {
		t.Fatalf("problem %v", err)
	}
	alone := onlySubmission(p, "s"+itoa(s1))
	alone.K = 1
	res, err := plan.SolveReview(alone)
	if err != nil || len(res.Assignments) != 1 || res.Assignments[0].Expert != "e"+itoa(x) {
		t.Fatalf("S1's group alone: %+v %v", res, err)
	}

	sent, err := f.svc.Reassign(f.ctx, f.w.CityAdmin, c)
	if err != nil || sent != 2 {
		t.Fatalf("reassign sent %d, %v; want 2 (S1 ← 数学己, S2 ← 全科戊)", sent, err)
	}
	got := map[[2]int64]string{}
	if err := f.w.DB.Read(f.ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(f.ctx, "SELECT submission_id, expert_id, status FROM review_assignments WHERE campaign_id = ?", c)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s, e int64
			var st string
			if err := rows.Scan(&s, &e, &st); err != nil {
				return err
			}
			got[[2]int64{s, e}] = st
		}
		return rows.Err()
	}); err != nil {
		t.Fatal(err)
	}
	want := map[[2]int64]string{{s1, p1}: review.AsInvited, {s1, p2}: review.AsDeclined, {s2, p3}: review.AsDeclined,
		{s2, p4}: review.AsDeclined, {s1, y}: review.AsInvited, {s2, x}: review.AsInvited}
	if len(got) != len(want) {
		t.Fatalf("assignments %v, want %v", got, want)
	}
	for k, st := range want {
		if got[k] != st {
			t.Errorf("submission %d, expert %d: %q, want %q", k[0], k[1], got[k], st)
		}
	}
	// The engine's own optimum for the same problem: 1 kept + 2 new pairs.
	if full, err := plan.SolveReview(p); err != nil || full.Pairs != 3 {
		t.Fatalf("engine optimum %+v %v", full, err)
	}
}

// onlySubmission is p restricted to the submission id and its conflicts.
func onlySubmission(p *plan.ReviewProblem, id string) *plan.ReviewProblem {
	q := *p
	q.Submissions, q.Conflicts, q.Experts = nil, nil, nil
	for _, s := range p.Submissions {
		if s.ID == id {
			q.Submissions = append(q.Submissions, s)
		}
	}
	real := map[string]bool{}
	for _, e := range p.Experts {
		if strings.HasPrefix(e.ID, "e") { // the real experts; S1's kept reviewer is why it lacks one
			q.Experts = append(q.Experts, e)
			real[e.ID] = true
		}
	}
	for _, c := range p.Conflicts {
		if real[c.Expert] && (c.Submission == "" || c.Submission == id) {
			q.Conflicts = append(q.Conflicts, c)
		}
	}
	return &q
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
