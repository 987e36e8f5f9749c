package liaison

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Link is one team linked to one target school in a round (定点联系).
// Proposed links come from the planner and become final on publish.
type Link struct {
	ID             int64
	RoundID        int64
	RoundName      string
	RegionCode     string
	RegionPath     string
	TeamID         int64
	ResearcherID   int64
	ResearcherName string
	SchoolID       int64
	SchoolName     string
	SchoolPath     string
	Proposed       bool
	Survey         string // 调研报告
	Improvement    string // 提升方案
	Version        int
}

func (l Link) snapshot() audit.Snapshot {
	return audit.Snapshot{"轮次": l.RoundName, "教研员": l.ResearcherName, "学校": l.SchoolName,
		"调研报告": l.Survey, "提升方案": l.Improvement, audit.VersionKey: itoa(l.Version)}
}

const linkSelect = `SELECT k.id, k.round_id, l.name, l.region_code, g.path, k.team_id, m.researcher_id, p.name, k.school_id, o.name, o.path,
	k.proposed, k.survey, k.improvement, k.version
	FROM liaison_links k JOIN liaison_rounds l ON l.id = k.round_id JOIN regions g ON g.code = l.region_code
	JOIN liaison_teams m ON m.id = k.team_id JOIN people p ON p.id = m.researcher_id JOIN orgs o ON o.id = k.school_id`

func scanLink(r db.Scanner) (Link, error) {
	var k Link
	err := r.Scan(&k.ID, &k.RoundID, &k.RoundName, &k.RegionCode, &k.RegionPath, &k.TeamID, &k.ResearcherID, &k.ResearcherName, &k.SchoolID,
		&k.SchoolName, &k.SchoolPath, &k.Proposed, &k.Survey, &k.Improvement, &k.Version)
	return k, err
}

// linkWhere admits links in a region in scope, to a school in scope, or of
// a team the actor leads or belongs to.
func linkWhere(actor app.Actor) (string, []any) {
	w1, a1 := auth.ScopeWhere(actor, "g.path", "NULL", "")
	w2, a2 := auth.ScopeWhere(actor, "o.path", "o.id", "")
	where := "(" + w1 + " OR " + w2
	args := append(a1, a2...)
	if actor.PersonID != 0 {
		where += " OR m.researcher_id = ? OR EXISTS (SELECT 1 FROM liaison_team_members tm WHERE tm.team_id = m.id AND tm.person_id = ?)"
		args = append(args, actor.PersonID, actor.PersonID)
	}
	return where + ")", args
}

// FindLinks lists the links of a round the actor may see, by school name.
func (s *Service) FindLinks(ctx context.Context, actor app.Actor, roundID int64) ([]Link, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	where, args := linkWhere(actor)
	var out []Link
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = db.QueryAll(ctx, tx, scanLink, linkSelect+" WHERE k.round_id = ? AND "+where+" ORDER BY p.name, o.name",
			append([]any{roundID}, args...)...)
		return err
	})
	return out, err
}

// FindLink returns one link the actor may see, or ENOTFOUND.
func (s *Service) FindLink(ctx context.Context, actor app.Actor, id int64) (Link, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Link{}, err
	}
	var k Link
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		k, err = loadLink(ctx, tx, actor, id)
		return err
	})
	return k, err
}

func loadLink(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Link, error) {
	where, args := linkWhere(actor)
	k, err := scanLink(tx.QueryRow(ctx, linkSelect+" WHERE k.id = ? AND "+where, append([]any{id}, args...)...))
	if db.IsNoRows(err) {
		return k, notFound("联系学校")
	}
	return k, err
}

// writableLink loads a link for follow-up work: liaison.manage over the
// round's region, or the team's researcher or member with visit.edit.
func writableLink(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Link, error) {
	k, err := loadLink(ctx, tx, actor, id)
	if err != nil {
		return k, err
	}
	if actor.Can(PermLiaisonManage) && auth.InScope(actor, k.RegionPath, -1, 0) {
		return k, nil
	}
	if actor.Can(PermVisitEdit) && actor.PersonID != 0 {
		n, err := tx.Count(ctx, `SELECT COUNT(*) FROM liaison_teams m WHERE m.id = ? AND (m.researcher_id = ?
			OR EXISTS (SELECT 1 FROM liaison_team_members tm WHERE tm.team_id = m.id AND tm.person_id = ?))`, k.TeamID, actor.PersonID, actor.PersonID)
		if err == nil && n > 0 {
			return k, nil
		}
	}
	return k, app.Errorf(app.EFORBIDDEN, "只有本联系团队的成员或管理人员可以填写")
}

// SaveLinkTexts saves the link's 调研报告 and 提升方案. A stale version gets
// ECONFLICT naming who changed what.
func (s *Service) SaveLinkTexts(ctx context.Context, actor app.Actor, id int64, version int, survey, improvement string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.SaveLinkTextsTx(ctx, tx, actor, id, version, survey, improvement) })
}

// SaveLinkTextsTx is SaveLinkTexts inside the caller's transaction tx.
func (s *Service) SaveLinkTextsTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, version int, survey, improvement string) error {
	old, err := writableLink(ctx, tx, actor, id)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE liaison_links SET survey = ?, improvement = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE id = ? AND version = ?`, trimName(survey), trimName(improvement), s.now().UnixMilli(), actor.Username, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return audit.Stale(ctx, tx, "link", id, version)
	}
	k := old
	k.Survey, k.Improvement, k.Version = trimName(survey), trimName(improvement), old.Version+1
	if err := s.linkTextTodos(ctx, tx, k); err != nil {
		return err
	}
	return record(ctx, tx, actor, "link.update", "link", id, "填写联系学校调研报告与提升方案："+k.SchoolName, old.snapshot(), k.snapshot())
}

// CanEditLink reports whether the actor may write the link's reports,
// guidance and exchanges (pages use it to hide forms; writes check again).
func (s *Service) CanEditLink(ctx context.Context, actor app.Actor, id int64) bool {
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, err := writableLink(ctx, tx, actor, id)
		return err
	})
	return err == nil
}
