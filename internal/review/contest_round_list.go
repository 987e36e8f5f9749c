package review

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// RoundFilter selects 比拼 rounds for the list: a 学年 (0 for all) and a
// page of it.
type RoundFilter struct {
	Year          int
	Limit, Offset int
}

// RoundItem is one line of the 比拼 rounds list (比拼轮次): the round,
// its organiser, and its three phases with their states.
type RoundItem struct {
	Round
	OrgName string
	Today   string // the day the list was read, for the phases' StatusText
}

// State says in Chinese where the round stands: 已完成 when every phase
// has its final list, otherwise the first unfinished phase and its state
// (学期中研修活动现场展示：申报中).
func (r RoundItem) State() string {
	for i, c := range r.Phases {
		if c.ID == 0 {
			return ContestPhaseNames[i] + "：未设立"
		}
		if c.Status != StatusFinal {
			return ContestPhaseNames[i] + "：" + c.StatusText(r.Today)
		}
	}
	return "已完成"
}

// FindRounds lists the 比拼 rounds the actor organises in scope, newest
// 学年 first, with the exact count. It needs the 评审活动管理 permission.
func (s *Service) FindRounds(ctx context.Context, actor app.Actor, f RoundFilter) (list []RoundItem, total int, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return nil, 0, err
	}
	where, args := auth.ScopeWhere(actor, "r.org_path", "r.org_id", "")
	if f.Year > 0 {
		where, args = where+" AND r.school_year = ?", append(args, f.Year)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*) FROM review_contest_rounds r WHERE "+where, args...); err != nil {
			return err
		}
		list, err = db.QueryAll(ctx, tx, func(sc db.Scanner) (RoundItem, error) {
			var r RoundItem
			return r, sc.Scan(&r.ID, &r.OrgID, &r.OrgPath, &r.SchoolYear, &r.Term, &r.StageName, &r.OrgName)
		}, `SELECT r.id, r.org_id, r.org_path, r.school_year, r.term, r.stage_name, o.name FROM review_contest_rounds r
			JOIN orgs o ON o.id = r.org_id WHERE `+where+` ORDER BY r.school_year DESC, r.id DESC LIMIT ? OFFSET ?`,
			append(args, f.Limit, f.Offset)...)
		if err != nil || len(list) == 0 {
			return err
		}
		for i := range list {
			list[i].Today = s.today()
		}
		return roundPhases(ctx, tx, list)
	})
	return list, total, err
}

// roundPhases fills the phases of the listed rounds in one query.
func roundPhases(ctx context.Context, tx *db.Tx, list []RoundItem) error {
	at := map[int64]int{}
	ids := make([]any, len(list))
	for i, r := range list {
		at[r.ID], ids[i] = i, r.ID
	}
	cs, err := db.QueryAll(ctx, tx, scanCampaign, "SELECT "+campaignCols+" FROM review_campaigns WHERE round_id IN (?"+
		strings.Repeat(", ?", len(ids)-1)+") ORDER BY round_phase", ids...)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if i, ok := at[c.RoundID]; ok && c.RoundPhase >= 1 && c.RoundPhase <= 3 {
			list[i].Phases[c.RoundPhase-1] = c
		}
	}
	return nil
}
