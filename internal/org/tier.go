package org

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// SetTierTx sets person id's current tier (五梯级) in the caller's write
// transaction, so a module that keeps the tier history (training's 梯级认定)
// moves the person row with its step or not at all. The caller has checked
// its own permission; the person must be in the actor's scope (ENOTFOUND
// otherwise, as for no such person), and the change is audited.
func (s *Service) SetTierTx(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, tier string) error {
	if TierNames[tier] == "" {
		return app.Invalid("tier", "请选择梯级（新任、合格、骨干、学科带头人、名师名校长）")
	}
	var name, path, old string
	var orgID int64
	err := tx.QueryRow(ctx, `SELECT p.name, p.tier, o.id, o.path FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, id).
		Scan(&name, &old, &orgID, &path)
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, path, orgID, id) {
		return notFound("人员")
	}
	if err != nil || old == tier {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE people SET tier = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
		tier, s.now(), actor.Username, id); err != nil {
		return err
	}
	return record(ctx, tx, actor, "person.tier", "person", id, "修改人员梯级 "+name,
		audit.Snapshot{"梯级": TierNames[old]}, audit.Snapshot{"梯级": TierNames[tier]})
}

func init() { audit.RegisterActions(map[string]string{"person.tier": "修改人员梯级"}) }
