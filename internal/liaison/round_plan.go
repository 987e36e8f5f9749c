package liaison

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
	"jiaoyan/internal/policy"
)

// PlanResult is what the planner proposed for a round.
type PlanResult struct {
	Proposed  int      // links proposed
	Uncovered []string // "学校：原因" for each target left without a team
	Summary   string
}

// PlanRound runs the liaison planner over the draft round's teams and the
// targets not yet linked by hand: cost by county and 学段 fit (no
// coordinates). Earlier proposals are replaced; hand-made links stay. The
// planner's summary and uncovered reasons are kept as the round's plan note.
// One audit row.
func (s *Service) PlanRound(ctx context.Context, actor app.Actor, roundID int64) (PlanResult, error) {
	var out PlanResult
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM liaison_links WHERE round_id = ? AND proposed = TRUE", roundID); err != nil {
			return err
		}
		p, names, err := s.liaisonProblem(ctx, tx, r)
		if err != nil {
			return err
		}
		sol, err := plan.SolveLiaison(p)
		if err != nil {
			return err
		}
		if out, err = s.storeProposals(ctx, tx, r, sol, names); err != nil {
			return err
		}
		return record(ctx, tx, actor, "round.plan", "round", roundID, "自动安排联系学校："+r.Name+"。"+out.Summary, nil, nil)
	})
	return out, err
}

// liaisonProblem builds the planner's input; names maps school ids to names.
func (s *Service) liaisonProblem(ctx context.Context, tx *db.Tx, r Round) (*plan.LiaisonProblem, map[string]string, error) {
	minN, err := s.required(ctx, r.RegionCode, policy.RuleLiaisonMinSchoolsPerResearcher, r.FirstYear)
	if err != nil {
		return nil, nil, err
	}
	maxN, err := s.required(ctx, r.RegionCode, policy.RuleLiaisonMaxSchoolsPerResearcher, r.FirstYear)
	if err != nil {
		return nil, nil, err
	}
	p := &plan.LiaisonProblem{MaxSchools: maxN, MinSchools: &minN}
	names := map[string]string{}
	teams, err := loadTeams(ctx, tx, r.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, t := range teams {
		used, err := tx.Count(ctx, "SELECT COUNT(*) FROM liaison_links WHERE team_id = ?", t.ID)
		if err != nil {
			return nil, nil, err
		}
		if left := min(t.Capacity, p.MaxSchools) - used; left > 0 {
			names["t"+strconv.FormatInt(t.ID, 10)] = t.ResearcherName
			p.Researchers = append(p.Researchers, plan.LiaisonResearcher{ID: strconv.FormatInt(t.ID, 10), Name: t.ResearcherName,
				Subject: t.Subject, Stage: t.Stage, County: t.County, Capacity: left})
		}
	}
	schools, err := db.QueryAll(ctx, tx, scanTargetSchool, `SELECT o.id, o.name, o.locale, o.weak, o.kind, o.stages, o.region_code
		FROM liaison_targets t JOIN orgs o ON o.id = t.school_id
		WHERE t.round_id = ? AND NOT EXISTS (SELECT 1 FROM liaison_links k WHERE k.round_id = t.round_id AND k.school_id = t.school_id)
		ORDER BY o.id`, r.ID)
	for _, sc := range schools {
		names[sc.ID] = sc.Name
	}
	p.Schools = schools
	if err == nil && len(p.Researchers) == 0 {
		err = app.Invalid("teams", "没有可安排的联系团队（没有团队，或各团队联系名额已满）：请采用系统按本区域规则建议的团队，或逐个添加")
	} else if err == nil && len(p.Schools) == 0 {
		err = app.Invalid("targets", "没有待安排的目标学校，请先选择目标学校")
	}
	return p, names, err
}

func scanTargetSchool(r db.Scanner) (plan.TargetSchool, error) {
	var id int64
	var name, locale, kind, stages, county string
	var weak bool
	err := r.Scan(&id, &name, &locale, &weak, &kind, &stages, &county)
	t := plan.TargetSchool{ID: strconv.FormatInt(id, 10), Name: name, County: county, Stage: strings.Split(strings.Trim(stages, ","), ",")[0]}
	switch {
	case kind == "teaching_point":
		t.Kind = "teaching_point"
	case weak:
		t.Kind = "weak"
	case locale == "rural":
		t.Kind = "rural"
	}
	return t, err
}

func (s *Service) storeProposals(ctx context.Context, tx *db.Tx, r Round, sol *plan.LiaisonPlan, names map[string]string) (PlanResult, error) {
	out := PlanResult{Proposed: len(sol.Links), Summary: sol.Summary}
	now := s.now().UnixMilli()
	for _, l := range sol.Links {
		team, _ := strconv.ParseInt(l.Researcher, 10, 64)
		school, _ := strconv.ParseInt(l.School, 10, 64)
		if _, err := tx.Exec(ctx, `INSERT INTO liaison_links (round_id, team_id, school_id, proposed, updated_at) VALUES (?, ?, ?, TRUE, ?)`,
			r.ID, team, school, now); err != nil {
			return out, err
		}
	}
	var gaps, idle []named
	for _, g := range sol.Uncovered {
		out.Uncovered = append(out.Uncovered, names[g.School]+"："+g.Reason)
		gaps = append(gaps, named{names[g.School], g.Reason})
	}
	for _, g := range sol.Idle {
		idle = append(idle, named{names["t"+g.Researcher], g.Reason})
	}
	lines := append([]string{sol.Summary}, grouped("未安排的学校", "所", gaps)...)
	lines = append(lines, grouped("未达到最少联系学校数的教研员", "名", idle)...)
	_, err := tx.Exec(ctx, "UPDATE liaison_rounds SET plan_note = ? WHERE id = ?", strings.Join(lines, "\n"), r.ID)
	return out, err
}
