package liaison_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/testutil"
)

// TestTeamPlannerReadsOnlyTheRegionsPeople: the planner's reads of
// researchers and backbone teachers seek the people list index to the
// county's range of organisation paths, on both databases, instead of
// reading every active person of the province once per county (2 s a
// county on the province demo).
func TestTeamPlannerReadsOnlyTheRegionsPeople(t *testing.T) {
	w := testutil.NewWorld(t)
	rp := "/330300/330302/"
	for q, args := range map[string][]any{
		liaison.CandidateQuery: {rp + "%", rp, db.PrefixEnd(rp), 1},
		liaison.BackboneQuery:  {rp + "%", rp, db.PrefixEnd(rp), 1, 1},
	} {
		plan := explain(t, w.DB, q, args)
		if !(strings.Contains(plan, "org_path>?") || strings.Contains(plan, "org_path >= ")) {
			t.Errorf("plan of\n%s\ndoes not seek people by org path:\n%s", q, plan)
		}
	}
}
