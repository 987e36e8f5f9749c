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
// what the experts' caps still allow. Submissions missing the same number
// are solved together (the engine takes one count per run). The senior
// rule is not re-applied here. It returns the invitations sent.
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
		for _, missing := range slices.Sorted(maps.Keys(short)) {
			n, err := s.reassignGroup(ctx, tx, c, missing, short[missing], experts, declared, had)
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
func shortSubs(ctx context.Context, tx *db.Tx, c Campaign) (map[int][]Submission, map[int64][]int64, error) {
	subs, err := passedSubs(ctx, tx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	active, had := map[int64]int{}, map[int64][]int64{}
	rows, err := tx.Query(ctx, "SELECT submission_id, expert_id, status FROM review_assignments WHERE campaign_id = ?", c.ID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sub, exp int64
		var st string
		if err := rows.Scan(&sub, &exp, &st); err != nil {
			return nil, nil, err
		}
		had[sub] = append(had[sub], exp)
		if st == AsInvited || st == AsAccepted || st == AsDone {
			active[sub]++
		}
	}
	short := map[int][]Submission{}
	for _, x := range subs {
		if m := c.Reviewers - active[x.ID]; m > 0 {
			short[m] = append(short[m], x)
		}
	}
	return short, had, rows.Err()
}

func (s *Service) reassignGroup(ctx context.Context, tx *db.Tx, c Campaign, missing int, subs []Submission, experts []Expert,
	declared []conflictRow, had map[int64][]int64) (int, error) {
	left, err := loadsLeft(ctx, tx, c, experts)
	if err != nil {
		return 0, err
	}
	c.RequireSenior = false
	p := buildProblem(c, missing, subs, left, declared)
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
