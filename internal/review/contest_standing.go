package review

import (
	"context"
	"fmt"
	"math"
	"sort"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// Round is a 比拼 round with its three phase campaigns.
type Round struct {
	ID         int64
	OrgID      int64
	OrgPath    string
	SchoolYear int
	Term       string
	StageName  string // 中学, 小学 or 幼儿园, from the rotation rule
	Phases     [3]Campaign
}

// RoundRow is one school's line of a round's standing.
type RoundRow struct {
	OrgID    int64
	School   string
	Scores   [3]*float64 // each phase's aggregated score; nil: no entry, or not yet aggregated
	Combined *float64    // weighted by the region's phase weights; nil without them
	Rank     int         // by Combined, ties sharing a rank; 0 without weights
}

// RoundTable is a round's table: each school's three phase scores and the
// combined standing, with how it was computed.
type RoundTable struct {
	Round   Round
	Weights [3]float64 // percent, as the region's rules set them
	// NotSet names the weight rules the region has not set (本区域未设定规则：…);
	// the combined standing is then not computed.
	NotSet []string
	// Pending names the phases with no aggregated score yet: they count
	// as 0, and the standing is provisional.
	Pending []string
	Rows    []RoundRow
}

// PhaseWeightRules are the rule keys of the phases' weights, in phase order.
var PhaseWeightRules = [3]policy.RuleKey{policy.RuleContestWeightPlan, policy.RuleContestWeightShow, policy.RuleContestWeightEffect}

// Method says in Chinese how the combined score is computed.
func (st RoundTable) Method() string {
	if len(st.NotSet) > 0 {
		return ""
	}
	return fmt.Sprintf("综合成绩 = 方案比拼 × %g%% + 现场展示 × %g%% + 成效比拼 × %g%%（按权重之和折算；未参加或未汇总的阶段计 0 分）",
		st.Weights[0], st.Weights[1], st.Weights[2])
}

func roundInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Round, error) {
	var r Round
	err := tx.QueryRow(ctx, "SELECT id, org_id, org_path, school_year, term, stage_name FROM review_contest_rounds WHERE id = ?", id).
		Scan(&r.ID, &r.OrgID, &r.OrgPath, &r.SchoolYear, &r.Term, &r.StageName)
	if err != nil || !auth.InScope(actor, r.OrgPath, r.OrgID, 0) {
		return Round{}, notFound("比拼轮次")
	}
	list, err := db.QueryAll(ctx, tx, scanCampaign, "SELECT "+campaignCols+" FROM review_campaigns WHERE round_id = ? ORDER BY round_phase", id)
	if err != nil {
		return Round{}, err
	}
	for _, c := range list {
		if c.RoundPhase >= 1 && c.RoundPhase <= 3 {
			r.Phases[c.RoundPhase-1] = c
		}
	}
	return r, nil
}

// RoundStanding is the standing of a round in the actor's scope (a
// campaign manager's): every school that entered any phase, its score in
// each (the campaign's aggregated score), and, with the region's three
// phase weights set for the round's 学年, the weighted combined score and
// rank. A phase not yet aggregated is named in Pending.
func (s *Service) RoundStanding(ctx context.Context, actor app.Actor, id int64) (st RoundTable, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return st, err
	}
	var region string
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		st, region, err = readRoundScores(ctx, tx, actor, id)
		return err
	})
	if err != nil {
		return st, err
	}
	if s.Policy == nil {
		return st, app.Internal(errNoPolicy)
	}
	if st.Weights, st.NotSet, err = s.phaseWeights(ctx, region, st.Round.SchoolYear); err != nil {
		return st, err
	}
	st.combine()
	rankRows(st.Rows)
	return st, nil
}

// readRoundScores reads round id (in the actor's scope), the region code
// of its organiser, and each school's best aggregated score in each phase
// it entered; phases with no aggregated score yet are named in Pending.
// The rows are in no particular order.
func readRoundScores(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (st RoundTable, region string, err error) {
	if st.Round, err = roundInScope(ctx, tx, actor, id); err != nil {
		return st, "", err
	}
	if err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", st.Round.OrgID).Scan(&region); err != nil {
		return st, "", err
	}
	byOrg := map[int64]*RoundRow{}
	for i, c := range st.Round.Phases {
		if c.ID == 0 {
			continue
		}
		scored, err := readPhaseScores(ctx, tx, c.ID, i, byOrg)
		if err != nil {
			return st, "", err
		}
		if !scored {
			st.Pending = append(st.Pending, ContestPhaseNames[i])
		}
	}
	for _, r := range byOrg {
		st.Rows = append(st.Rows, *r)
	}
	return st, region, nil
}

// readPhaseScores adds to byOrg (one row a school) the entries of phase
// campaign (phase index i) that are neither drafts nor withdrawn, keeping
// a school's best aggregated score as its Scores[i]. It reports whether
// any entry has an aggregated score.
func readPhaseScores(ctx context.Context, tx *db.Tx, campaign int64, i int, byOrg map[int64]*RoundRow) (scored bool, err error) {
	rows, err := tx.Query(ctx, `SELECT s.org_id, o.name, s.score FROM review_submissions s JOIN orgs o ON o.id = s.org_id
		WHERE s.campaign_id = ? AND s.status NOT IN (?, ?) ORDER BY s.id`, campaign, SubDraft, SubWithdrawn)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var org int64
		var name string
		var score *float64
		if err := rows.Scan(&org, &name, &score); err != nil {
			return false, err
		}
		r := byOrg[org]
		if r == nil {
			r = &RoundRow{OrgID: org, School: name}
			byOrg[org] = r
		}
		if score != nil && (r.Scores[i] == nil || *score > *r.Scores[i]) {
			r.Scores[i], scored = score, true
		}
	}
	return scored, rows.Err()
}

// phaseWeights are the region's three phase weights (percent) for 学年
// year, in phase order, and the 本区域未设定规则 texts of those it has not
// set (their weight is then 0).
func (s *Service) phaseWeights(ctx context.Context, region string, year int) (w [3]float64, notSet []string, err error) {
	for i, k := range PhaseWeightRules {
		v, ok, err := s.Policy.ValueFor(ctx, region, k, year)
		if err != nil {
			return w, nil, err
		}
		if !ok {
			def, _ := policy.Def(k)
			notSet = append(notSet, policy.NotSetText(def))
		}
		w[i] = v
	}
	return w, notSet, nil
}

// combine sets each row's Combined: its phase scores weighted by
// st.Weights over their sum (a phase without a score counts 0), rounded to
// two decimals. It does nothing when a weight is not set, and says in
// NotSet that no combined score can be computed when all three are 0.
func (st *RoundTable) combine() {
	if len(st.NotSet) > 0 {
		return
	}
	sum := st.Weights[0] + st.Weights[1] + st.Weights[2]
	if sum <= 0 {
		st.NotSet = append(st.NotSet, "比拼三个阶段的权重均为 0，无法计算综合成绩")
		return
	}
	for i := range st.Rows {
		total := 0.0
		for p, sc := range st.Rows[i].Scores {
			if sc != nil {
				total += st.Weights[p] * *sc
			}
		}
		c := math.Round(total/sum*100) / 100
		st.Rows[i].Combined = &c
	}
}

// rankRows orders the rows by combined score (highest first; ties share
// a rank, the next rank skips) and then by school, or by school alone
// when there is no combined score.
func rankRows(rows []RoundRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Combined, rows[j].Combined
		if a != nil && b != nil && *a != *b {
			return *a > *b
		}
		return rows[i].School < rows[j].School
	})
	for i := range rows {
		switch {
		case rows[i].Combined == nil:
		case i > 0 && rows[i-1].Combined != nil && *rows[i-1].Combined == *rows[i].Combined:
			rows[i].Rank = rows[i-1].Rank
		default:
			rows[i].Rank = i + 1
		}
	}
}

func scoreText(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *v)
}

// ScoreTexts are the row's phase scores as the page shows them (— for none).
func (r RoundRow) ScoreTexts() [3]string {
	return [3]string{scoreText(r.Scores[0]), scoreText(r.Scores[1]), scoreText(r.Scores[2])}
}

// CombinedText is the combined score as the page shows it (— for none).
func (r RoundRow) CombinedText() string { return scoreText(r.Combined) }
