package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// legacyKey is what the three phase campaigns of one pre-round (before
// migration 0046) 比拼 have in common: the organiser, the term their
// titles start with, the 学年 and the stages.
type legacyKey struct {
	org    int64
	term   string
	year   int
	stages string
}

// GroupLegacyRounds gives a round to the 比拼 campaigns published before
// rounds were objects (migration 0046). CreateContestRound then wrote a
// term's three phases in one transaction, titled term + phase name; a set
// is grouped only when it is unmistakable: kind 比拼, no round yet, one
// campaign for each of the three phase names with the same organiser,
// term, 学年 and stages. Anything else (a lone 比拼 call, a phase
// missing or doubled) is left as it is. It is idempotent (grouped
// campaigns have a round) and writes one audit row per round; it returns
// how many rounds it made. open (cmd/jiaoyan) runs it at start-up.
func GroupLegacyRounds(ctx context.Context, d *db.DB) (int, error) {
	n := 0
	err := d.Write(ctx, func(tx *db.Tx) error {
		list, err := db.QueryAll(ctx, tx, scanCampaign, "SELECT "+campaignCols+
			" FROM review_campaigns WHERE kind = ? AND round_id IS NULL ORDER BY id", KindContest)
		if err != nil || len(list) == 0 {
			return err
		}
		sets := map[legacyKey][]Campaign{}
		var order []legacyKey
		for _, c := range list {
			k, phase := legacyKeyOf(c)
			if phase == 0 {
				continue
			}
			if sets[k] == nil {
				order = append(order, k)
				sets[k] = make([]Campaign, 3)
			}
			if sets[k][phase-1].ID != 0 {
				sets[k][phase-1].ID = -1 // doubled: ambiguous
				continue
			}
			sets[k][phase-1] = c
		}
		for _, k := range order {
			ok, err := groupLegacy(ctx, tx, k, sets[k])
			if err != nil {
				return err
			}
			if ok {
				n++
			}
		}
		return nil
	})
	return n, err
}

// legacyKeyOf is c's set and phase (1-3), or phase 0 when its title ends
// in no phase name.
func legacyKeyOf(c Campaign) (legacyKey, int) {
	for i, name := range ContestPhaseNames {
		if term, ok := strings.CutSuffix(c.Title, name); ok {
			return legacyKey{org: c.OrgID, term: term, year: schoolYearOf(c.Opens), stages: joinList(c.Stages)}, i + 1
		}
	}
	return legacyKey{}, 0
}

// groupLegacy makes the round of one complete set and attaches its phases.
func groupLegacy(ctx context.Context, tx *db.Tx, k legacyKey, phases []Campaign) (bool, error) {
	for _, c := range phases {
		if c.ID <= 0 {
			return false, nil
		}
	}
	c := phases[0]
	round, err := tx.InsertID(ctx, `INSERT INTO review_contest_rounds (org_id, org_path, school_year, term, stage_name, stages, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, k.org, c.OrgPath, k.year, k.term, rotationName(c.Stages), k.stages, time.Now().Unix())
	if err != nil {
		return false, err
	}
	for i, p := range phases {
		if _, err := tx.Exec(ctx, "UPDATE review_campaigns SET round_id = ?, round_phase = ? WHERE id = ? AND round_id IS NULL",
			round, i+1, p.ID); err != nil {
			return false, err
		}
	}
	return true, record(ctx, tx, app.System("系统升级"), "contest.round", "contest_round", round,
		fmt.Sprintf("将此前发布的比拼 %s 的三个阶段归为一轮（%s）", k.term, strings.Join(ContestPhaseNames, "、")), nil, nil)
}
