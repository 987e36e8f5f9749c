package org

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// SetTierTx sets person id's current tier (五梯级) in the caller's write
// transaction, so a module that keeps the tier history (training's 梯级认定)
// moves the person row with its step or not at all, and returns the tier
// before. The caller has checked its own permission; the person must be in
// the actor's scope (ENOTFOUND otherwise, as for no such person). The
// caller's audit row of the step records the change, with the tiers before
// and after, so one change writes one audit row.
func (s *Service) SetTierTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, tier string) (string, error) {
	if TierNames[tier] == "" {
		return "", app.Invalid("tier", "请选择梯级（新任、合格、骨干、学科带头人、名师名校长）")
	}
	var path, old string
	var orgID int64
	err := tx.QueryRow(ctx, `SELECT p.tier, o.id, o.path FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, id).
		Scan(&old, &orgID, &path)
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, path, orgID, id) {
		return "", notFound("人员")
	}
	if err != nil || old == tier {
		return old, err
	}
	_, err = tx.Exec(ctx, "UPDATE people SET tier = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
		tier, s.now(), actor.Username, id)
	return old, err
}
