package liaison

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// Round statuses (联系学校轮次状态).
const (
	RoundDraft     = "draft"
	RoundPublished = "published"
	RoundClosed    = "closed"
)

// RoundStatusNames are the Chinese round statuses.
var RoundStatusNames = map[string]string{RoundDraft: "草稿", RoundPublished: "已发布", RoundClosed: "已结束"}

// Round is one 联系学校 round: two 学年 (the region's liaison.round_school_years)
// with its 准备、落实、总结 stages, target schools, teams and links.
type Round struct {
	ID             int64
	RegionCode     string
	RegionName     string
	RegionPath     string
	Name           string
	FirstYear      int
	PrepareStart   string
	PrepareEnd     string
	ImplementStart string
	ImplementEnd   string
	SummaryStart   string
	SummaryEnd     string
	Status         string
	Summary        string
	Outcomes       string
	PlanNote       string
	Version        int
}

// StatusName is the Chinese status.
func (r Round) StatusName() string { return RoundStatusNames[r.Status] }

// Years is the number of 学年 the round spans (落实阶段 ends in the last one).
func (r Round) Years() int {
	var end int
	fmt.Sscanf(r.ImplementEnd, "%d", &end)
	return max(1, end-r.FirstYear)
}

// Terms lists the round's 学期 in order: two per 学年.
func (r Round) Terms() []dict.Term {
	var out []dict.Term
	for t := (dict.Term{Year: r.FirstYear, Half: dict.First}); len(out) < 2*r.Years(); t = t.Next() {
		out = append(out, t)
	}
	return out
}

// Editable reports whether targets, teams and links may still change.
func (r Round) Editable() bool { return r.Status == RoundDraft }

func (r Round) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": r.Name, "区域": r.RegionName, "起始学年": itoa(r.FirstYear), "状态": r.StatusName(),
		"准备阶段": r.PrepareStart + " 至 " + r.PrepareEnd, "落实阶段": r.ImplementStart + " 至 " + r.ImplementEnd,
		"总结阶段": r.SummaryStart + " 至 " + r.SummaryEnd, "总结": r.Summary, "成果": r.Outcomes, audit.VersionKey: itoa(r.Version)}
}

const roundSelect = `SELECT l.id, l.region_code, g.name, g.path, l.name, l.first_year, l.prepare_start, l.prepare_end,
	l.implement_start, l.implement_end, l.summary_start, l.summary_end, l.status, l.summary, l.outcomes, l.plan_note, l.version
	FROM liaison_rounds l JOIN regions g ON g.code = l.region_code`

func scanRound(r db.Scanner) (Round, error) {
	var x Round
	err := r.Scan(&x.ID, &x.RegionCode, &x.RegionName, &x.RegionPath, &x.Name, &x.FirstYear, &x.PrepareStart, &x.PrepareEnd,
		&x.ImplementStart, &x.ImplementEnd, &x.SummaryStart, &x.SummaryEnd, &x.Status, &x.Summary, &x.Outcomes, &x.PlanNote, &x.Version)
	return x, err
}

// roundWhere admits rounds of regions in the actor's scope, rounds with a
// link to a school in scope (a school admin sees the round of its school),
// and rounds where the actor leads or joins a team.
func roundWhere(actor app.Actor) (string, []any) {
	w1, a1 := auth.ScopeWhere(actor, "g.path", "NULL", "")
	w2, a2 := auth.ScopeWhere(actor, "o.path", "o.id", "")
	mine := `EXISTS (SELECT 1 FROM liaison_teams m WHERE m.round_id = l.id AND (m.researcher_id = ?
		OR EXISTS (SELECT 1 FROM liaison_team_members tm WHERE tm.team_id = m.id AND tm.person_id = ?)))`
	return "(" + w1 + " OR EXISTS (SELECT 1 FROM liaison_links k JOIN orgs o ON o.id = k.school_id WHERE k.round_id = l.id AND " +
		w2 + ") OR " + mine + ")", append(append(a1, a2...), actor.PersonID, actor.PersonID)
}

// FindRounds lists the rounds the actor may see, newest first.
func (s *Service) FindRounds(ctx context.Context, actor app.Actor) ([]Round, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	where, args := roundWhere(actor)
	var out []Round
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = db.QueryAll(ctx, tx, scanRound, roundSelect+" WHERE "+where+" ORDER BY l.first_year DESC, l.id DESC", args...)
		return err
	})
	return out, err
}

// FindRound returns one round the actor may see, or ENOTFOUND.
func (s *Service) FindRound(ctx context.Context, actor app.Actor, id int64) (Round, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Round{}, err
	}
	var r Round
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		r, err = loadRound(ctx, tx, actor, id)
		return err
	})
	return r, err
}

func loadRound(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Round, error) {
	where, args := roundWhere(actor)
	r, err := scanRound(tx.QueryRow(ctx, roundSelect+" WHERE l.id = ? AND "+where, append([]any{id}, args...)...))
	if db.IsNoRows(err) {
		return r, notFound("联系学校轮次")
	}
	return r, err
}

// managedRound loads a round for a change: liaison.manage and the round's
// region in the actor's scope; draftOnly refuses published or closed rounds.
func managedRound(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, draftOnly bool) (Round, error) {
	if err := actor.Require(PermLiaisonManage); err != nil {
		return Round{}, err
	}
	r, err := scanRound(tx.QueryRow(ctx, roundSelect+" WHERE l.id = ?", id))
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, r.RegionPath, -1, 0)) {
		return Round{}, notFound("联系学校轮次")
	}
	if err == nil && draftOnly && !r.Editable() {
		return r, app.Errorf(app.ECONFLICT, "轮次已%s，不能再调整目标学校、团队和联系安排", r.StatusName())
	}
	return r, err
}

// regionInScope loads a region the actor may manage.
func regionInScope(ctx context.Context, tx *db.Tx, actor app.Actor, code string) (name, path string, err error) {
	err = tx.QueryRow(ctx, "SELECT name, path FROM regions WHERE code = ?", code).Scan(&name, &path)
	if err != nil || !auth.InScope(actor, path, -1, 0) {
		return "", "", app.Invalid("region", "区域不存在或不在您的管辖范围内")
	}
	return name, path, nil
}

func trimName(s string) string { return strings.TrimSpace(s) }
