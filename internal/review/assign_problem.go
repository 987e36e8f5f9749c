package review

import (
	"context"
	"strconv"

	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
)

// pool is the experts a campaign may draw on, by plan id ("e<id>").
type pool struct {
	experts map[string]Expert
	userOf  map[int64]int64 // expert id -> account for the 待办
}

func expertKey(id int64) string { return "e" + strconv.FormatInt(id, 10) }
func subKey(id int64) string    { return "s" + strconv.FormatInt(id, 10) }
func personKey(id int64) string { return "p" + strconv.FormatInt(id, 10) }
func orgKey(id int64) string    { return "o" + strconv.FormatInt(id, 10) }

func keyID(k string) int64 {
	id, _ := strconv.ParseInt(k[1:], 10, 64)
	return id
}

// campaignExperts loads the active experts of the pools under the
// campaign's reach who are available in its term, with the load each may
// still take: the cap less open reviews in other campaigns.
func campaignExperts(ctx context.Context, tx *db.Tx, c Campaign) ([]Expert, error) {
	list, err := db.QueryAll(ctx, tx, scanExpert, "SELECT "+expertCols+expertFrom+
		" WHERE e.active = TRUE AND e.pool_path LIKE ? ORDER BY e.id", c.ReachPath+"%")
	if err != nil {
		return nil, err
	}
	busy, err := tasksByExpert(ctx, tx, "campaign_id <> ? AND status IN ('invited','accepted')", c.ID)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, e := range list {
		if c.Term != "" && len(e.Terms) > 0 && !contains(e.Terms, c.Term) {
			continue
		}
		e.MaxLoad = max(0, e.MaxLoad-busy[e.ID])
		out = append(out, e)
	}
	return out, nil
}

// tasksByExpert counts the review tasks (review_assignments) that meet
// the condition where (with args), by expert id.
func tasksByExpert(ctx context.Context, tx *db.Tx, where string, args ...any) (map[int64]int, error) {
	n := map[int64]int{}
	rows, err := tx.Query(ctx, "SELECT expert_id, COUNT(*) FROM review_assignments WHERE "+where+" GROUP BY expert_id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k int
		if err := rows.Scan(&id, &k); err != nil {
			return nil, err
		}
		n[id] = k
	}
	return n, rows.Err()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// conflictRow is one declared 回避.
type conflictRow struct {
	Expert, Person, Org, Submission int64
}

func declaredConflicts(ctx context.Context, tx *db.Tx) ([]conflictRow, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (conflictRow, error) {
		var c conflictRow
		return c, r.Scan(&c.Expert, &c.Person, &c.Org, &c.Submission)
	}, "SELECT expert_id, COALESCE(person_id, 0), COALESCE(org_id, 0), COALESCE(submission_id, 0) FROM review_conflicts")
}

// buildProblem is the plan engine's input for the submissions subs: 回避
// of authors (the expert's own person), the same school, the same county
// when the campaign says so, and every declared conflict (a person, an
// organisation — any submission from it — or one submission).
func buildProblem(c Campaign, k int, subs []Submission, experts []Expert, declared []conflictRow) *plan.ReviewProblem {
	p := &plan.ReviewProblem{K: k, Options: plan.ReviewOptions{AvoidSameCounty: c.AvoidCounty, RequireSenior: c.RequireSenior}}
	fromOrg := map[int64][]string{}
	inSet := map[int64]bool{}
	for _, x := range subs {
		authors := []string{personKey(x.AuthorID)}
		for _, a := range x.Coauthors {
			authors = append(authors, personKey(a))
		}
		p.Submissions = append(p.Submissions, plan.Submission{ID: subKey(x.ID), Subject: x.Subject, Stage: x.Stage,
			School: orgKey(x.OrgID), County: x.County, Authors: authors})
		fromOrg[x.OrgID] = append(fromOrg[x.OrgID], subKey(x.ID))
		inSet[x.ID] = true
	}
	known := map[int64]bool{}
	for _, e := range experts {
		pe := plan.Expert{ID: expertKey(e.ID), Subjects: e.Subjects, Stages: e.Stages, County: e.County, MaxLoad: e.MaxLoad, Senior: e.Senior}
		if e.OrgID != 0 {
			pe.School = orgKey(e.OrgID)
		}
		p.Experts = append(p.Experts, pe)
		known[e.ID] = true
		if e.PersonID != 0 {
			p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: pe.ID, Person: personKey(e.PersonID), Reason: "本人申报"})
		}
	}
	for _, d := range declared {
		if !known[d.Expert] {
			continue
		}
		ek := expertKey(d.Expert)
		if d.Person != 0 {
			p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: ek, Person: personKey(d.Person)})
		}
		for _, sk := range fromOrg[d.Org] {
			p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: ek, Submission: sk})
		}
		if d.Submission != 0 && inSet[d.Submission] {
			p.Conflicts = append(p.Conflicts, plan.Conflict{Expert: ek, Submission: subKey(d.Submission)})
		}
	}
	return p
}
