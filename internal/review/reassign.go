package review

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
)

// Reassign (补派) finds replacements for declined and conflicted tasks in
// one run of the plan engine over every submission still short of the
// campaign's reviewer count, so the result is optimal across all of them
// (most new pairs, then seniors where required, then affinity), not group
// by group. The reviewers a submission still has stay fixed: each is a
// stand-in the engine must keep (see fixedReviewers). A submission never
// gets an expert it already had, and the experts' caps count what they
// hold. In a campaign that requires a senior expert, a submission without
// an active senior reviewer asks for one again. It returns the
// invitations sent.
func (s *Service) Reassign(ctx context.Context, actor app.Actor, campaign int64) (sent int, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		p, left, missing, err := reassignProblem(ctx, tx, c)
		if err != nil {
			return err
		}
		if p != nil {
			res, err := plan.SolveReview(p)
			if err != nil {
				return err
			}
			pairs := newPairs(res.Assignments, missing)
			if err := s.invite(ctx, tx, c, left, pairs); err != nil {
				return err
			}
			sent = len(pairs)
		}
		if sent == 0 {
			return app.Invalid("campaign_id", "没有需要补派或可以补派的评审任务")
		}
		return record(ctx, tx, actor, "campaign.reassign", "campaign", c.ID, fmt.Sprintf("补派评审专家 %s：%d 条", c.Title, sent), nil, nil)
	})
	return sent, err
}

// ReassignProblem is the plan engine's input that Reassign solves: the
// short submissions with their kept reviewers fixed. It is nil when no
// submission is short.
func (s *Service) ReassignProblem(ctx context.Context, actor app.Actor, campaign int64) (p *plan.ReviewProblem, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		p, _, _, err = reassignProblem(ctx, tx, c)
		return err
	})
	return p, err
}

// kept is a reviewer a short submission still has (invited, accepted or
// done): fixed in the 补派.
type kept struct {
	assignment, expert int64
	senior             bool
	county             string
}

// fixedPrefix marks the stand-in experts of kept reviewers in the problem.
const fixedPrefix = "kept"

func reassignProblem(ctx context.Context, tx *db.Tx, c Campaign) (*plan.ReviewProblem, []Expert, map[string]int, error) {
	short, missing, keep, had, err := shortSubs(ctx, tx, c)
	if err != nil || len(short) == 0 {
		return nil, nil, nil, err
	}
	experts, err := campaignExperts(ctx, tx, c)
	if err != nil {
		return nil, nil, nil, err
	}
	declared, err := declaredConflicts(ctx, tx)
	if err != nil {
		return nil, nil, nil, err
	}
	left, err := loadsLeft(ctx, tx, c, experts)
	if err != nil {
		return nil, nil, nil, err
	}
	p := buildProblem(c, c.Reviewers, short, left, declared)
	for _, x := range short {
		for _, e := range had[x.ID] {
			p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: expertKey(e), Submission: subKey(x.ID)})
		}
	}
	p.Conflicts = knownExperts(p.Conflicts, left)
	fixedReviewers(p, short, keep)
	return p, left, missing, nil
}

// fixedReviewers adds, for every kept reviewer of a short submission, a
// stand-in expert that can review that submission only (load 1, a conflict
// with every other short submission it would fit) and that fits it at
// least as well as any real expert can: the submission's own subject and
// stage (the highest affinity), the kept reviewer's seniority and county.
// The engine puts every stand-in on its submission in some optimal plan:
// swapping a real expert out for the stand-in never lowers the objective
// and only frees capacity. So the K-reviewer problem with stand-ins is the
// 补派 with the kept reviewers fixed, solved optimally in one run.
func fixedReviewers(p *plan.ReviewProblem, short []Submission, keep map[int64][]kept) {
	bySubject := map[string][]int64{}
	for _, x := range short {
		bySubject[x.Subject] = append(bySubject[x.Subject], x.ID)
	}
	for _, x := range short {
		for _, k := range keep[x.ID] {
			id := fixedPrefix + strconv.FormatInt(k.assignment, 10)
			e := plan.Expert{ID: id, Subjects: []string{x.Subject}, County: k.county, MaxLoad: 1, Senior: k.senior}
			if x.Stage != "" {
				e.Stages = []string{x.Stage}
			}
			p.Experts = append(p.Experts, e)
			others := bySubject[x.Subject]
			if x.Subject == "" { // a generalist stand-in would fit every submission
				others = nil
				for _, y := range short {
					others = append(others, y.ID)
				}
			}
			for _, y := range others {
				if y != x.ID {
					p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: id, Submission: subKey(y)})
				}
			}
		}
	}
}

// newPairs drops the stand-ins from a plan and, should the engine have
// preferred a real expert over a stand-in (an affinity tie, or a county
// rule the stand-in fails), keeps only as many new reviewers per
// submission as it lacks, the best-fitting first.
func newPairs(pairs []plan.ReviewAssignment, missing map[string]int) []plan.ReviewAssignment {
	var out []plan.ReviewAssignment
	for _, a := range pairs {
		if !strings.HasPrefix(a.Expert, fixedPrefix) {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Submission != out[j].Submission {
			return out[i].Submission < out[j].Submission
		}
		return out[i].Affinity > out[j].Affinity
	})
	taken := map[string]int{}
	kept := out[:0]
	for _, a := range out {
		if taken[a.Submission] < missing[a.Submission] {
			taken[a.Submission]++
			kept = append(kept, a)
		}
	}
	return kept
}

// shortSubs lists the passed submissions short of the campaign's reviewer
// count with what each lacks (by plan id), the reviewers each keeps, and
// every expert each has had (in any status).
func shortSubs(ctx context.Context, tx *db.Tx, c Campaign) ([]Submission, map[string]int, map[int64][]kept, map[int64][]int64, error) {
	subs, err := passedSubs(ctx, tx, c.ID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	keep, had := map[int64][]kept{}, map[int64][]int64{}
	rows, err := tx.Query(ctx, `SELECT a.id, a.submission_id, a.expert_id, a.status, e.level, e.county_code FROM review_assignments a
		JOIN review_experts e ON e.id = a.expert_id WHERE a.campaign_id = ? ORDER BY a.id`, c.ID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k kept
		var sub int64
		var st, lvl string
		if err := rows.Scan(&k.assignment, &sub, &k.expert, &st, &lvl, &k.county); err != nil {
			return nil, nil, nil, nil, err
		}
		had[sub] = append(had[sub], k.expert)
		if st == AsInvited || st == AsAccepted || st == AsDone {
			k.senior = lvl == "senior"
			keep[sub] = append(keep[sub], k)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, nil, nil, err
	}
	var short []Submission
	missing := map[string]int{}
	for _, x := range subs {
		if m := c.Reviewers - len(keep[x.ID]); m > 0 {
			short = append(short, x)
			missing[subKey(x.ID)] = m
		}
	}
	return short, missing, keep, had, nil
}

// loadsLeft lowers each expert's cap by the open and done tasks they hold
// in this campaign.
func loadsLeft(ctx context.Context, tx *db.Tx, c Campaign, experts []Expert) ([]Expert, error) {
	used, err := tasksByExpert(ctx, tx, "campaign_id = ? AND status IN ('invited','accepted','done')", c.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Expert, 0, len(experts))
	for _, e := range experts {
		e.MaxLoad = max(0, e.MaxLoad-used[e.ID])
		out = append(out, e)
	}
	return out, nil
}

// knownExperts drops conflicts of experts no longer in the pool (the
// engine refuses a conflict naming an unknown expert).
func knownExperts(cs []plan.Conflict, experts []Expert) []plan.Conflict {
	in := map[string]bool{}
	for _, e := range experts {
		in[expertKey(e.ID)] = true
	}
	out := cs[:0]
	for _, c := range cs {
		if in[c.Expert] {
			out = append(out, c)
		}
	}
	return out
}
