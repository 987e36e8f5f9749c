package review

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
)

// Reassign (补派) finds replacements for declined and conflicted tasks:
// each submission short of the campaign's reviewer count gets the missing
// number through the plan engine, never an expert it already had, within
// what the experts' caps still allow; in a campaign that requires a
// senior expert, one without an active senior reviewer asks for one again.
// Submissions short alike (count, senior) are solved together, one engine
// run per group (the engine takes one count per run), so the optimum is
// per group. It returns the invitations sent.
func (s *Service) Reassign(ctx context.Context, actor app.Actor, campaign int64) (sent int, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		short, had, err := shortSubs(ctx, tx, c)
		if err != nil {
			return err
		}
		experts, err := campaignExperts(ctx, tx, c)
		if err != nil {
			return err
		}
		declared, err := declaredConflicts(ctx, tx)
		if err != nil {
			return err
		}
		for _, g := range slices.SortedFunc(maps.Keys(short), func(a, b gap) int { return a.order() - b.order() }) {
			n, err := s.reassignGroup(ctx, tx, c, g, short[g], experts, declared, had)
			if err != nil {
				return err
			}
			sent += n
		}
		if sent == 0 {
			return app.Invalid("campaign_id", "没有需要补派或可以补派的评审任务")
		}
		return record(ctx, tx, actor, "campaign.reassign", "campaign", c.ID, fmt.Sprintf("补派评审专家 %s：%d 条", c.Title, sent), nil, nil)
	})
	return sent, err
}

// shortSubs groups the passed submissions by how many reviewers they
// lack, and lists every expert each has had (in any status).
// gap is how a submission is short: reviewers missing, and whether it
// still needs a senior one.
type gap struct {
	missing int
	senior  bool
}

func (g gap) order() int {
	if g.senior {
		return 2*g.missing + 1
	}
	return 2 * g.missing
}

func shortSubs(ctx context.Context, tx *db.Tx, c Campaign) (map[gap][]Submission, map[int64][]int64, error) {
	subs, err := passedSubs(ctx, tx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	active, had, senior := map[int64]int{}, map[int64][]int64{}, map[int64]bool{}
	rows, err := tx.Query(ctx, `SELECT a.submission_id, a.expert_id, a.status, e.level FROM review_assignments a
		JOIN review_experts e ON e.id = a.expert_id WHERE a.campaign_id = ?`, c.ID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sub, exp int64
		var st, lvl string
		if err := rows.Scan(&sub, &exp, &st, &lvl); err != nil {
			return nil, nil, err
		}
		had[sub] = append(had[sub], exp)
		if st == AsInvited || st == AsAccepted || st == AsDone {
			active[sub]++
			senior[sub] = senior[sub] || lvl == "senior"
		}
	}
	short := map[gap][]Submission{}
	for _, x := range subs {
		if m := c.Reviewers - active[x.ID]; m > 0 {
			g := gap{missing: m, senior: c.RequireSenior && !senior[x.ID]}
			short[g] = append(short[g], x)
		}
	}
	return short, had, rows.Err()
}

func (s *Service) reassignGroup(ctx context.Context, tx *db.Tx, c Campaign, g gap, subs []Submission, experts []Expert,
	declared []conflictRow, had map[int64][]int64) (int, error) {
	left, err := loadsLeft(ctx, tx, c, experts)
	if err != nil {
		return 0, err
	}
	c.RequireSenior = g.senior
	p := buildProblem(c, g.missing, subs, left, declared)
	for _, x := range subs {
		for _, e := range had[x.ID] {
			p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: expertKey(e), Submission: subKey(x.ID)})
		}
	}
	p.Conflicts = knownExperts(p.Conflicts, left)
	res, err := plan.SolveReview(p)
	if err != nil {
		return 0, err
	}
	return len(res.Assignments), s.invite(ctx, tx, c, left, res.Assignments)
}

// loadsLeft lowers each expert's cap by the open and done tasks they hold
// in this campaign.
func loadsLeft(ctx context.Context, tx *db.Tx, c Campaign, experts []Expert) ([]Expert, error) {
	used := map[int64]int{}
	rows, err := tx.Query(ctx, `SELECT expert_id, COUNT(*) FROM review_assignments WHERE campaign_id = ? AND status IN ('invited','accepted','done')
		GROUP BY expert_id`, c.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		used[id] = n
	}
	out := make([]Expert, 0, len(experts))
	for _, e := range experts {
		e.MaxLoad = max(0, e.MaxLoad-used[e.ID])
		out = append(out, e)
	}
	return out, rows.Err()
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
