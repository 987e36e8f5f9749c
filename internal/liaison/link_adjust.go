package liaison

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// AddLink links a target school to a team by hand in a draft round; a hand
// link survives re-planning. The school must be a target and unlinked, the
// team below its capacity.
func (s *Service) AddLink(ctx context.Context, actor app.Actor, roundID, teamID, schoolID int64) (int64, error) {
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		if n, _ := tx.Count(ctx, "SELECT COUNT(*) FROM liaison_targets WHERE round_id = ? AND school_id = ?", roundID, schoolID); n == 0 {
			return app.Invalid("school_id", "请选择本轮的目标学校")
		}
		if n, _ := tx.Count(ctx, "SELECT COUNT(*) FROM liaison_links WHERE round_id = ? AND school_id = ?", roundID, schoolID); n > 0 {
			return app.Invalid("school_id", "这所学校已有联系团队，请用“调整”改派")
		}
		if err := teamHasRoom(ctx, tx, roundID, teamID); err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, "INSERT INTO liaison_links (round_id, team_id, school_id, proposed, updated_at) VALUES (?, ?, ?, FALSE, ?) RETURNING id",
			roundID, teamID, schoolID, s.now().UnixMilli())
		if err != nil {
			return err
		}
		k, _ := loadLink(ctx, tx, actor, id)
		return record(ctx, tx, actor, "link.create", "link", id, "手工安排联系学校："+k.ResearcherName+" — "+k.SchoolName+"，"+r.Name, nil, k.snapshot())
	})
	return id, err
}

func teamHasRoom(ctx context.Context, tx *db.Tx, roundID, teamID int64) error {
	var capacity int
	if err := tx.QueryRow(ctx, "SELECT capacity FROM liaison_teams WHERE id = ? AND round_id = ?", teamID, roundID).Scan(&capacity); err != nil {
		return app.Invalid("team_id", "请选择本轮的联系团队")
	}
	if n, _ := tx.Count(ctx, "SELECT COUNT(*) FROM liaison_links WHERE team_id = ?", teamID); n >= capacity {
		return app.Invalid("team_id", "该团队已联系%d所学校，达到其联系学校数上限", n)
	}
	return nil
}

// MoveLink gives a linked school to another team of the same draft round.
func (s *Service) MoveLink(ctx context.Context, actor app.Actor, linkID, teamID int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := loadLink(ctx, tx, actor, linkID)
		if err != nil {
			return err
		}
		if _, err := managedRound(ctx, tx, actor, old.RoundID, true); err != nil {
			return err
		}
		if err := teamHasRoom(ctx, tx, old.RoundID, teamID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE liaison_links SET team_id = ?, proposed = FALSE, version = version + 1 WHERE id = ?", teamID, linkID); err != nil {
			return err
		}
		k, _ := loadLink(ctx, tx, actor, linkID)
		return record(ctx, tx, actor, "link.move", "link", linkID, "改派联系学校："+k.SchoolName+" 由 "+old.ResearcherName+" 改为 "+k.ResearcherName,
			old.snapshot(), k.snapshot())
	})
}

// RemoveLink drops a link from a draft round; the school stays a target.
func (s *Service) RemoveLink(ctx context.Context, actor app.Actor, linkID int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := loadLink(ctx, tx, actor, linkID)
		if err != nil {
			return err
		}
		if _, err := managedRound(ctx, tx, actor, old.RoundID, true); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM liaison_links WHERE id = ?", linkID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "link.delete", "link", linkID, "取消联系安排："+old.ResearcherName+" — "+old.SchoolName, old.snapshot(), nil)
	})
}
