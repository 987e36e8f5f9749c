package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
)

// backboneWorld is the round world with backbone teachers: three of them
// and a 合格 teacher at the (non-target) urban school, one at a target
// school and one in county B.
type backboneWorld struct {
	*rtWorld
	Master, Backbone, Leader int64
}

func newBackboneWorld(t *testing.T) *backboneWorld {
	w := &backboneWorld{rtWorld: newRoundWorld(t)}
	teacher := func(name string, school int64, subject, tier string) int64 {
		return w.MustPerson(t, org.Person{Name: name, OrgID: school, Subjects: []string{subject}, Stages: []string{"primary"},
			Title: "senior", Tier: tier})
	}
	w.Backbone = teacher("孙骨干", w.Urban, "数学", "backbone")
	w.Master = teacher("钱名师", w.Urban, "数学", "master")
	w.Leader = teacher("李带头", w.Urban, "语文", "leader")
	teacher("周合格", w.Urban, "数学", "qualified")
	teacher("吴目标", w.Rural2, "数学", "master")
	teacher("郑外县", w.SchoolB, "数学", "master")
	if n, err := w.Svc.ChooseTargets(ctx, w.CountyA, w.RoundID, liaison.TargetFilter{Rural: true}); err != nil || n != 2 {
		t.Fatalf("targets = %d, %v", n, err)
	}
	return w
}

// TestFreshRoundProposeAcceptPlan: 运行自动安排 on a round without teams
// fails and says what to do; the proposals give each researcher a team of
// one school with the best backbone teacher of their subject outside the
// targets; accepting them all lets the planner link both targets.
func TestFreshRoundProposeAcceptPlan(t *testing.T) {
	w := newBackboneWorld(t)
	if _, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID); app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "建议") {
		t.Fatalf("plan without teams: %v", err)
	}
	if _, err := w.Svc.ProposeTeams(ctx, w.CountyB, w.RoundID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county B proposed teams for county A's round: %v", err)
	}
	props, err := w.Svc.ProposeTeams(ctx, w.CountyA, w.RoundID)
	if err != nil || len(props) != 2 {
		t.Fatalf("proposals = %+v, %v; want one per researcher", props, err)
	}
	want := map[int64]int64{w.ResA: w.Master, w.ResA2: w.Leader}
	for _, p := range props {
		if p.Capacity != 1 || len(p.Members) != 1 || p.Members[0].ID != want[p.ResearcherID] || p.Short != "" {
			t.Errorf("%s: capacity %d, members %+v, short %q; want 1 school and the top backbone teacher of the subject",
				p.ResearcherName, p.Capacity, p.Members, p.Short)
		}
	}
	if n, err := w.Svc.AcceptTeams(ctx, w.CountyA, w.RoundID, props); err != nil || n != 2 {
		t.Fatalf("accept all: %d, %v", n, err)
	}
	res, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID)
	if err != nil || res.Proposed != 2 || len(res.Uncovered) != 0 {
		t.Fatalf("plan after accepting: %+v, %v", res, err)
	}
	teams, _ := w.Svc.FindTeams(ctx, w.CountyA, w.RoundID)
	if len(teams) != 2 || len(teams[0].Members) != 1 || len(teams[0].Schools) != 1 {
		t.Fatalf("teams after planning: %+v", teams)
	}
	if again, err := w.Svc.ProposeTeams(ctx, w.CountyA, w.RoundID); err != nil || len(again) != 0 {
		t.Fatalf("proposals once the teams suffice: %+v, %v", again, err)
	}
}

// TestAcceptOneEditedProposal: the user takes one proposal, edited to two
// schools and two members; nothing more is proposed, and the planner gives
// that team both targets. A capacity above the region's rule is refused.
func TestAcceptOneEditedProposal(t *testing.T) {
	w := newBackboneWorld(t)
	props, err := w.Svc.ProposeTeams(ctx, w.CountyA, w.RoundID)
	if err != nil || len(props) != 2 {
		t.Fatalf("proposals = %+v, %v", props, err)
	}
	p := props[0]
	p.Capacity = 5
	if _, err := w.Svc.AcceptTeams(ctx, w.CountyA, w.RoundID, []liaison.TeamProposal{p}); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("capacity 5 over the 1-4 rule: %v", err)
	}
	p.Capacity = 2
	p.Members = append(p.Members, liaison.ProposedMember{ID: w.Backbone})
	if _, err := w.Svc.AcceptTeams(ctx, w.CountyA, w.RoundID, []liaison.TeamProposal{p}); err != nil {
		t.Fatal(err)
	}
	if again, err := w.Svc.ProposeTeams(ctx, w.CountyA, w.RoundID); err != nil || len(again) != 0 {
		t.Fatalf("proposals after a two-school team: %+v, %v", again, err)
	}
	if res, err := w.Svc.PlanRound(ctx, w.CountyA, w.RoundID); err != nil || res.Proposed != 2 {
		t.Fatalf("plan: %+v, %v", res, err)
	}
	links, _ := w.Svc.FindLinks(ctx, w.CountyA, w.RoundID)
	for _, k := range links {
		if k.ResearcherID != p.ResearcherID {
			t.Errorf("link %s went to %s, want the accepted team", k.SchoolName, k.ResearcherName)
		}
	}
}
