package plan

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
)

func TestReviewDegenerateInputsAreExplained(t *testing.T) {
	sub := []Submission{{ID: "P1", Subject: "数学", School: "A", Authors: []string{"T1"}}, {ID: "P2", Subject: "数学", School: "A"}}
	t.Run("no experts", func(t *testing.T) {
		_, err := SolveReview(&ReviewProblem{K: 2, Submissions: sub})
		if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "专家库为空") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("k larger than the pool", func(t *testing.T) {
		plan, err := SolveReview(&ReviewProblem{K: 3, Submissions: sub, Experts: []Expert{{ID: "E1", Subjects: []string{"数学"}, MaxLoad: 5}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Warnings) == 0 || !strings.Contains(plan.Warnings[0], "专家库只有1名") {
			t.Fatalf("warnings %v", plan.Warnings)
		}
		if len(plan.Unassigned) != 2 || plan.Unassigned[0].Missing != 2 || !strings.Contains(plan.Unassigned[0].Reason, "只有1名") {
			t.Fatalf("unassigned %+v", plan.Unassigned)
		}
	})
	t.Run("every pair conflicted", func(t *testing.T) {
		p := &ReviewProblem{K: 1, Submissions: sub, Experts: []Expert{
			{ID: "E1", Subjects: []string{"数学"}, School: "A", MaxLoad: 5},
			{ID: "E2", Subjects: []string{"语文"}, MaxLoad: 5},
			{ID: "T1", Subjects: []string{"数学"}, MaxLoad: 5}}}
		p.Conflicts = []Conflict{{Expert: "T1", Submission: "P2"}}
		plan, err := SolveReview(p)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"没有符合条件的专家：学科不符1名，本人是作者1名，同校回避1名", "没有符合条件的专家：学科不符1名，同校回避1名，指定回避（师生、亲属等）1名"}
		for i, g := range plan.Unassigned {
			if g.Reason != want[i] {
				t.Fatalf("reason %d: %q, want %q", i, g.Reason, want[i])
			}
		}
		if len(plan.Assignments) != 0 || len(plan.Unassigned) != 2 {
			t.Fatalf("plan %+v", plan)
		}
	})
	t.Run("eligible experts all full", func(t *testing.T) {
		p := &ReviewProblem{K: 1, Submissions: []Submission{{ID: "P1", Subject: "数学"}, {ID: "P2", Subject: "数学"}},
			Experts: []Expert{{ID: "E1", Subjects: []string{"数学"}, MaxLoad: 1}}}
		plan, err := SolveReview(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Unassigned) != 1 || plan.Unassigned[0].Reason != "符合条件的1名专家都已达到评审上限" {
			t.Fatalf("unassigned %+v", plan.Unassigned)
		}
	})
}

func TestReviewValidationNamesTheField(t *testing.T) {
	base := func() *ReviewProblem {
		return &ReviewProblem{K: 1, Submissions: []Submission{{ID: "P1", Subject: "数学"}}, Experts: []Expert{{ID: "E1", MaxLoad: 1}}}
	}
	cases := []struct {
		edit  func(*ReviewProblem)
		field string
		want  string
	}{
		{func(p *ReviewProblem) { p.K = 0 }, "k", "1 到 10"},
		{func(p *ReviewProblem) { p.Experts[0].MaxLoad = -1 }, "experts[0].max_load", "评审上限"},
		{func(p *ReviewProblem) { p.Experts = append(p.Experts, Expert{ID: "E1"}) }, "experts[1].id", "重复"},
		{func(p *ReviewProblem) { p.Conflicts = []Conflict{{Expert: "E9", Person: "T"}} }, "conflicts[0].expert", "不在专家库"},
		{func(p *ReviewProblem) { p.Affinities = []Affinity{{Submission: "P1", Expert: "E1", Score: 5000}} }, "affinities[0].score", "0 到 1000"},
		{func(p *ReviewProblem) { p.Submissions[0].Subject = "" }, "submissions[0].subject", "没有填写学科"},
	}
	for _, c := range cases {
		p := base()
		c.edit(p)
		_, err := SolveReview(p)
		var ae *app.Error
		if !asAppError(err, &ae) || ae.Field != c.field || !strings.Contains(ae.Message, c.want) {
			t.Errorf("%s: got %v", c.field, err)
		}
	}
}

func asAppError(err error, target **app.Error) bool {
	e, ok := err.(*app.Error)
	*target = e
	return ok
}
