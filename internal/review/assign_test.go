package review_test

import (
	"context"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
	"jiaoyan/internal/review"
)

// assignWorld is a blind campaign avoiding the same county, with three
// passed submissions and five experts, and the pairs 回避 allows, worked
// out by hand from the org tree.
type assignWorld struct {
	*fixture
	c                      int64
	s1, s2, s3             int64
	eA1, eA2, eB1, eB2, eX int64
	users                  map[int64]app.Actor // expert id -> account
	allowed                map[[2]int64]bool   // (submission, expert)
}

func newAssignWorld(t *testing.T) *assignWorld {
	f := newFixture(t)
	w := &assignWorld{fixture: f, users: map[int64]app.Actor{}}
	w.c = f.campaign(t, review.Campaign{Reviewers: 2, Blind: true, AvoidCounty: true})
	a2 := f.w.MustSchool(t, "鹿城区第二小学", "330302", 3)
	b2 := f.w.MustSchool(t, "龙湾区第二小学", "330303", 4)
	var pA2 int64
	w.eA1 = w.add(t, f.w.SchoolA, "专家甲", "expert_a1")
	w.eA2 = w.add(t, a2, "专家乙", "expert_a2")
	w.eB1 = w.add(t, f.w.SchoolB, "专家丙", "expert_b1")
	w.eB2 = w.add(t, b2, "专家丁", "expert_b2")
	out, err := f.svc.JoinPool(f.ctx, f.w.CityAdmin, review.Expert{Name: "李教授", Affiliation: "温州大学", PoolOrgID: f.city,
		Subjects: []string{"数学"}, Stages: []string{"primary"}, MaxLoad: 5, Senior: true}, "高校专家")
	if err != nil {
		t.Fatal(err)
	}
	w.eX = out
	// 李教授 once taught at school B: a declared conflict with the school.
	if err := f.svc.AddConflict(f.ctx, f.w.CityAdmin, w.eX, 0, f.w.SchoolB, 0, "曾在该校任职"); err != nil {
		t.Fatal(err)
	}
	e, _ := f.svc.FindExpertByID(f.ctx, f.w.CityAdmin, w.eA2)
	pA2 = e.PersonID
	_, tB2 := f.teacher(t, b2, "龙湾二小教师", "teacher_b2", "数学")
	w.s1 = f.submit(t, f.w.TeacherUserA, w.c, "鹿城案例", "数学")
	w.s2 = f.submit(t, tB2, w.c, "龙湾二小案例", "数学")
	_, tB := f.teacher(t, f.w.SchoolB, "永中教师", "teacher_b1", "数学")
	id, _, err := f.svc.SaveDraft(f.ctx, tB, review.Submission{CampaignID: w.c, Title: "永中合作案例", Subject: "数学", Stage: "primary",
		Content: "合作", Coauthors: []int64{pA2}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Submit(f.ctx, tB, id); err != nil {
		t.Fatal(err)
	}
	w.s3 = id
	f.pass(t, w.s1, w.s2, w.s3)
	w.allowed = map[[2]int64]bool{
		{w.s1, w.eB1}: true, {w.s1, w.eB2}: true, {w.s1, w.eX}: true, // county A's entry: county B and outside
		{w.s2, w.eA1}: true, {w.s2, w.eA2}: true, {w.s2, w.eX}: true, // county B's entry
		{w.s3, w.eA1}: true, // eA2 co-authored it; 李教授 conflicts with school B
	}
	return w
}

type pair struct {
	ID, Sub, Expert int64
	Status          string
	Affinity        int
}

func (w *assignWorld) pairs(t testing.TB) []pair {
	t.Helper()
	var out []pair
	err := w.w.DB.Read(context.Background(), func(tx *db.Tx) error {
		var err error
		out, err = db.QueryAll(context.Background(), tx, func(r db.Scanner) (pair, error) {
			var p pair
			return p, r.Scan(&p.ID, &p.Sub, &p.Expert, &p.Status, &p.Affinity)
		}, "SELECT id, submission_id, expert_id, status, affinity FROM review_assignments WHERE campaign_id = ? ORDER BY id", w.c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAssignmentKeepsConflictsAndEqualsTheEngineOptimum(t *testing.T) {
	w := newAssignWorld(t)
	p, err := w.svc.AssignmentProblem(w.ctx, w.w.CityAdmin, w.c)
	if err != nil {
		t.Fatal(err)
	}
	best, err := plan.SolveReview(p)
	if err != nil {
		t.Fatal(err)
	}
	out, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := w.pairs(t)
	var aff int64
	for _, g := range got {
		if !w.allowed[[2]int64{g.Sub, g.Expert}] {
			t.Errorf("submission %d given to expert %d against 回避", g.Sub, g.Expert)
		}
		aff += int64(g.Affinity)
	}
	// 2 + 2 + 1: the hand count of what 回避 leaves, and the engine's optimum.
	if len(got) != 5 || out.Pairs != 5 || best.Pairs != 5 || aff != best.TotalAffinity || out.Unassigned != 1 {
		t.Fatalf("stored %d pairs (affinity %d), engine %d (%d), outcome %+v", len(got), aff, best.Pairs, best.TotalAffinity, out)
	}
	// a county admin of county A does not manage the city's campaign.
	_, err = w.svc.Assign(w.ctx, w.w.CountyA, w.c, nil)
	mustCode(t, err, app.ENOTFOUND)
}

func TestExpertSeesOnlyOwnTasksAndNoNamesWhenBlind(t *testing.T) {
	w := newAssignWorld(t)
	if _, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil); err != nil {
		t.Fatal(err)
	}
	byExpert := map[int64][]pair{}
	for _, p := range w.pairs(t) {
		byExpert[p.Expert] = append(byExpert[p.Expert], p)
	}
	a1 := w.users[w.eA1]
	tasks, err := w.svc.MyTasks(w.ctx, a1)
	if err != nil || len(tasks) != len(byExpert[w.eA1]) || len(tasks) == 0 {
		t.Fatalf("tasks = %d, want %d (%v)", len(tasks), len(byExpert[w.eA1]), err)
	}
	for _, task := range tasks {
		x := task.Submission
		if x.Author != "" || x.OrgName != "" || x.OrgPath != "" || x.AuthorID != 0 || x.OrgID != 0 {
			t.Fatalf("blind campaign shows %+v", x)
		}
		if task.Submission.ID == w.s1 {
			t.Fatal("expert of school A sees school A's entry")
		}
	}
	// URL tampering: every other expert's task id is not found for eA1.
	for e, ps := range byExpert {
		if e == w.eA1 {
			continue
		}
		for _, p := range ps {
			_, err := w.svc.FindTask(w.ctx, a1, p.ID)
			mustCode(t, err, app.ENOTFOUND)
			mustCode(t, w.svc.Respond(w.ctx, a1, p.ID, true, ""), app.ENOTFOUND)
			_, err = w.svc.SaveScores(w.ctx, a1, review.ScoreForm{Task: p.ID, Version: 1, Scores: []float64{30, 50}})
			mustCode(t, err, app.ENOTFOUND)
		}
	}
	// a teacher is no expert at all.
	_, err = w.svc.FindTask(w.ctx, w.w.TeacherUserA, byExpert[w.eA1][0].ID)
	mustCode(t, err, app.EFORBIDDEN)
}

func TestDeclineAndConflictAreReassigned(t *testing.T) {
	w := newAssignWorld(t)
	if _, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil); err != nil {
		t.Fatal(err)
	}
	var decline pair
	had := map[int64]bool{}
	for _, p := range w.pairs(t) {
		if p.Sub == w.s1 {
			had[p.Expert] = true
			if _, ok := w.users[p.Expert]; ok {
				decline = p
			}
		}
	}
	if err := w.svc.Respond(w.ctx, w.users[decline.Expert], decline.ID, false, "出差"); err != nil {
		t.Fatal(err)
	}
	sent, err := w.svc.Reassign(w.ctx, w.w.CityAdmin, w.c)
	if err != nil || sent != 1 {
		t.Fatalf("reassign sent %d, %v", sent, err)
	}
	var repl, other pair
	for _, p := range w.pairs(t) {
		switch {
		case p.Sub != w.s1 || p.Status != review.AsInvited:
		case !had[p.Expert]:
			repl = p
		default:
			other = p
		}
	}
	if repl.ID == 0 || !w.allowed[[2]int64{w.s1, repl.Expert}] {
		t.Fatalf("replacement = %+v", repl)
	}
	// an expert with an account on s1 declares a conflict: every expert
	// 回避 allows for s1 has now been used, so no one is left.
	c := repl
	if _, ok := w.users[c.Expert]; !ok {
		c = other
	}
	ca := w.users[c.Expert]
	if err := w.svc.Declare(w.ctx, ca, c.ID, true, "与作者是师徒"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.FindTask(w.ctx, ca, c.ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("declared conflict still shows: %v", err)
	}
	if _, err := w.svc.Reassign(w.ctx, w.w.CityAdmin, w.c); err == nil {
		t.Fatal("reassigned to an expert who declined or declared a conflict")
	}
}

func (w *assignWorld) add(t testing.TB, school int64, name, user string) int64 {
	id, a := w.expert(t, school, name, user, "数学", 5, false)
	w.users[id] = a
	return id
}

func TestSameSchoolAvoidanceFollowsTheExpertsCurrentSchool(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{Reviewers: 1})
	eid, _ := f.expert(t, f.w.SchoolB, "调动专家", "expert_moved", "数学", 5, false)
	e, _ := f.svc.FindExpertByID(f.ctx, f.w.CityAdmin, eid)
	// the expert has since moved to school A, where the entry comes from.
	if err := f.w.DB.Exec(f.ctx, "UPDATE people SET org_id = ? WHERE id = ?", f.w.SchoolA, e.PersonID); err != nil {
		t.Fatal(err)
	}
	id := f.submit(t, f.w.TeacherUserA, c, "鹿城案例", "数学")
	f.pass(t, id)
	out, err := f.svc.Assign(f.ctx, f.w.CityAdmin, c, nil)
	if err != nil || out.Pairs != 0 || out.Unassigned != 1 {
		t.Fatalf("assigned to a colleague at the new school: %+v %v", out, err)
	}
}

func TestReassignFindsASeniorWhenTheSeniorDeclined(t *testing.T) {
	f := newFixture(t)
	c := f.campaign(t, review.Campaign{Reviewers: 2, RequireSenior: true})
	sen, sa := f.expert(t, f.w.SchoolB, "资深甲", "senior_a", "数学", 5, true)
	other, _ := f.expert(t, f.w.SchoolB, "普通乙", "plain_b", "数学", 5, false)
	spare, _ := f.expert(t, f.w.SchoolB, "资深丙", "senior_c", "数学", 5, true)
	plain2, _ := f.expert(t, f.w.SchoolB, "普通丁", "plain_d", "数学", 5, false)
	_ = other
	// 资深丙 is busy elsewhere at first: cap 0 for this campaign's first run.
	if err := f.w.DB.Exec(f.ctx, "UPDATE review_experts SET max_load = 0 WHERE id = ?", spare); err != nil {
		t.Fatal(err)
	}
	id := f.submit(t, f.w.TeacherUserA, c, "鹿城案例", "数学")
	f.pass(t, id)
	if _, err := f.svc.Assign(f.ctx, f.w.CityAdmin, c, nil); err != nil {
		t.Fatal(err)
	}
	tasks, _ := f.svc.MyTasks(f.ctx, sa)
	if len(tasks) != 1 {
		t.Fatalf("the only available senior has %d tasks", len(tasks))
	}
	if err := f.svc.Respond(f.ctx, sa, tasks[0].ID, false, "出差"); err != nil {
		t.Fatal(err)
	}
	if err := f.w.DB.Exec(f.ctx, "UPDATE review_experts SET max_load = 5 WHERE id = ?", spare); err != nil {
		t.Fatal(err)
	}
	if n, err := f.svc.Reassign(f.ctx, f.w.CityAdmin, c); err != nil || n != 1 {
		t.Fatalf("reassign %d, %v", n, err)
	}
	var got []int64
	if err := f.w.DB.Read(f.ctx, func(tx *db.Tx) error {
		var err error
		got, err = db.QueryAll(f.ctx, tx, func(r db.Scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, "SELECT expert_id FROM review_assignments WHERE campaign_id = ? AND status = 'invited' ORDER BY id", c)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// one non-senior from the first run, and the new invitation: 资深丙.
	if len(got) != 2 || got[1] != spare || got[0] == sen || (got[0] != other && got[0] != plain2) {
		t.Fatalf("invited %v; want a non-senior then the senior %d", got, spare)
	}
}
