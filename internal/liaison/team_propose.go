package liaison

import (
	"context"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// TeamProposal is a team the planner suggests for a round that has too few:
// a full-time researcher of the round's region without a team yet, how many
// schools the team should take, and backbone teachers (骨干教师, 学科带头人,
// 名师) of the researcher's subject and 学段. The user accepts it as it is or
// edits it first; nothing is stored until AcceptTeams.
type TeamProposal struct {
	ResearcherID   int64
	ResearcherName string
	Subject        string
	Stage          string
	Capacity       int
	Members        []ProposedMember
	Short          string // why the team has fewer members than schools, "" when full
}

// ProposedMember is a backbone teacher suggested for a team.
type ProposedMember struct {
	ID     int64
	Name   string
	School string
	Tier   string // 五梯级 code
}

// TierName is the Chinese tier, e.g. 学科带头人.
func (m ProposedMember) TierName() string { return org.TierNames[m.Tier] }

// MemberIDs are the ids of the proposal's members.
func (p TeamProposal) MemberIDs() []int64 {
	out := make([]int64, len(p.Members))
	for i, m := range p.Members {
		out[i] = m.ID
	}
	return out
}

// backboneTiers rank the tiers a team member may hold, best first.
var backboneTiers = []string{"master", "leader", "backbone"}

// ProposeTeams suggests teams for a draft round whose teams cannot take all
// its unlinked target schools. The rules of the round's region decide the
// shape: each team takes between liaison.min_schools_per_researcher and
// liaison.max_schools_per_researcher schools, the work spread over as many
// researchers as the shortfall allows at the minimum (every researcher when
// there are enough targets), researchers whose 学段 most targets share first;
// each team gets one backbone teacher per school it takes, of the
// researcher's subject and 学段, from the region's schools that are not
// targets, 名师 before 学科带头人 before 骨干教师, dealt out in turn so that
// researchers of one subject share fairly. An empty list means the teams are
// enough. Needs liaison.manage over the round's region.
func (s *Service) ProposeTeams(ctx context.Context, actor app.Actor, roundID int64) ([]TeamProposal, error) {
	var out []TeamProposal
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		need, stages, err := teamShortfall(ctx, tx, r.ID)
		if err != nil || need == 0 {
			return err
		}
		if out, err = s.proposeResearchers(ctx, tx, r, need, stages); err != nil || len(out) == 0 {
			return err
		}
		return dealMembers(ctx, tx, r, out)
	})
	return out, err
}

// teamShortfall counts the unlinked targets the existing teams have no room
// for, and the target schools' first 学段 with how many targets have it.
func teamShortfall(ctx context.Context, tx *db.Tx, roundID int64) (int, map[string]int, error) {
	targets, err := db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
		var st string
		return st, r.Scan(&st)
	}, `SELECT o.stages FROM liaison_targets t JOIN orgs o ON o.id = t.school_id WHERE t.round_id = ?
		AND NOT EXISTS (SELECT 1 FROM liaison_links k WHERE k.round_id = t.round_id AND k.school_id = t.school_id)`, roundID)
	if err != nil {
		return 0, nil, err
	}
	if n, _ := tx.Count(ctx, "SELECT COUNT(*) FROM liaison_targets WHERE round_id = ?", roundID); n == 0 {
		return 0, nil, app.Invalid("targets", "请先选择目标学校，再生成建议的联系团队")
	}
	room, err := tx.Count(ctx, `SELECT COALESCE(SUM(m.capacity - (SELECT COUNT(*) FROM liaison_links k WHERE k.team_id = m.id)), 0)
		FROM liaison_teams m WHERE m.round_id = ?`, roundID)
	stages := map[string]int{}
	for _, st := range targets {
		stages[strings.Split(strings.Trim(st, ","), ",")[0]]++
	}
	return max(0, len(targets)-room), stages, err
}

// proposeResearchers picks the researchers and each team's capacity.
func (s *Service) proposeResearchers(ctx context.Context, tx *db.Tx, r Round, need int, stages map[string]int) ([]TeamProposal, error) {
	cands, err := db.QueryAll(ctx, tx, func(sc db.Scanner) (TeamProposal, error) {
		var p TeamProposal
		err := sc.Scan(&p.ResearcherID, &p.ResearcherName, &p.Subject, &p.Stage)
		return p, err
	}, candidateQuery,
		r.RegionPath+"%", r.RegionPath, db.PrefixEnd(r.RegionPath), r.ID)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, app.Invalid("teams", "本区域没有尚未组队的在职专职教研员，请先在人员中登记教研员，或调整现有团队的联系学校数")
	}
	slices.SortStableFunc(cands, func(a, b TeamProposal) int { return stages[b.Stage] - stages[a.Stage] })
	minN, err := s.required(ctx, r.RegionCode, policy.RuleLiaisonMinSchoolsPerResearcher, r.FirstYear)
	if err != nil {
		return nil, err
	}
	maxN, err := s.required(ctx, r.RegionCode, policy.RuleLiaisonMaxSchoolsPerResearcher, r.FirstYear)
	if err != nil {
		return nil, err
	}
	minN = max(1, minN)
	maxN = max(minN, maxN)
	teams := min(len(cands), max(1, need/minN))
	capacity := min(maxN, max(minN, ceilDiv(need, teams)))
	out := cands[:teams]
	for i := range out {
		out[i].Capacity = capacity
	}
	return out, nil
}

// peopleUnder keeps people p to organisations under a region path (its
// two arguments: the path and db.PrefixEnd of it) as a range of the index
// people_scope_order (active, org_path, id): every organisation's path
// starts with its region's path, so the condition only lets the database
// read the region's people instead of every active person of a province.
const peopleUnder = "p.org_path >= ? AND p.org_path < ?"

// candidateQuery reads a round's full-time researchers not yet leading a
// team (args: region path%, region path, its PrefixEnd, round id).
const candidateQuery = `SELECT p.id, p.name, p.researcher_subject, p.researcher_stage FROM people p JOIN orgs o ON o.id = p.org_id
		JOIN regions g ON g.code = o.region_code WHERE p.active = TRUE AND p.researcher_kind = 'fulltime' AND g.path LIKE ?
		AND ` + peopleUnder + ` AND NOT EXISTS (SELECT 1 FROM liaison_teams m WHERE m.round_id = ? AND m.researcher_id = p.id) ORDER BY p.id`

// backboneQuery reads a round's backbone teachers not yet in a team, from
// schools that are not its targets (args: region path%, region path, its
// PrefixEnd, round id twice).
const backboneQuery = `SELECT p.id, p.name, o.name, p.tier, p.subjects, p.stages FROM people p JOIN orgs o ON o.id = p.org_id
		JOIN regions g ON g.code = o.region_code WHERE p.active = TRUE AND p.researcher_kind = '' AND p.tier IN ('master', 'leader', 'backbone')
		AND o.kind IN ('school', 'teaching_point') AND g.path LIKE ? AND ` + peopleUnder + `
		AND NOT EXISTS (SELECT 1 FROM liaison_targets t WHERE t.round_id = ? AND t.school_id = o.id)
		AND NOT EXISTS (SELECT 1 FROM liaison_team_members tm JOIN liaison_teams m ON m.id = tm.team_id WHERE m.round_id = ? AND tm.person_id = p.id)
		ORDER BY p.id`

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// backbone is a candidate team member.
type backbone struct {
	m                ProposedMember
	subjects, stages string
}

// dealMembers gives each proposal up to Capacity members, one per turn.
func dealMembers(ctx context.Context, tx *db.Tx, r Round, props []TeamProposal) error {
	pool, err := db.QueryAll(ctx, tx, func(sc db.Scanner) (backbone, error) {
		var b backbone
		err := sc.Scan(&b.m.ID, &b.m.Name, &b.m.School, &b.m.Tier, &b.subjects, &b.stages)
		return b, err
	}, backboneQuery, r.RegionPath+"%", r.RegionPath, db.PrefixEnd(r.RegionPath), r.ID, r.ID)
	if err != nil {
		return err
	}
	slices.SortStableFunc(pool, func(a, b backbone) int {
		return slices.Index(backboneTiers, a.m.Tier) - slices.Index(backboneTiers, b.m.Tier)
	})
	taken := make([]bool, len(pool))
	for turn := 0; turn < props[0].Capacity; turn++ {
		for i := range props {
			if j := firstFit(pool, taken, props[i]); j >= 0 {
				taken[j] = true
				props[i].Members = append(props[i].Members, pool[j].m)
			}
		}
	}
	for i, p := range props {
		if len(p.Members) < p.Capacity {
			props[i].Short = "本区域非目标学校中" + subjectText(p) + "的骨干教师不足，只配到 " + itoa(len(p.Members)) + " 名"
		}
	}
	return nil
}

// firstFit is the best free candidate of p's subject and 学段, or -1.
func firstFit(pool []backbone, taken []bool, p TeamProposal) int {
	for j, b := range pool {
		if !taken[j] && listHas(b.subjects, p.Subject) && listHas(b.stages, p.Stage) {
			return j
		}
	}
	return -1
}

// listHas reports whether the stored ",a,b," list holds v; "" matches any.
func listHas(list, v string) bool { return v == "" || strings.Contains(list, ","+v+",") }

func subjectText(p TeamProposal) string {
	return firstNonEmpty(org.StageNames[p.Stage], p.Stage) + p.Subject
}

// AcceptTeams saves proposals, as given or as the user edited them
// (capacity, members), as teams of the draft round: each with the checks of
// SaveTeam, all or none. One audit row. It returns how many were saved.
func (s *Service) AcceptTeams(ctx context.Context, actor app.Actor, roundID int64, props []TeamProposal) (int, error) {
	if len(props) == 0 {
		return 0, app.Invalid("teams", "请至少选择一个建议的团队")
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		var names []string
		for _, p := range props {
			_, name, err := s.saveTeam(ctx, tx, actor, r, p.ResearcherID, p.Capacity, p.MemberIDs())
			if err != nil {
				return err
			}
			names = append(names, name)
		}
		return record(ctx, tx, actor, "round.team", "round", roundID, "采用建议的联系团队 "+itoa(len(props))+" 个："+
			strings.Join(names, "、")+"，"+r.Name, nil, nil)
	})
	if err != nil {
		return 0, err
	}
	return len(props), nil
}
