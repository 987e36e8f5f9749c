package org

import (
	"context"
	"maps"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// actorRegion is the 区划代码 of the actor's organisation ("" for the
// system and command-line actors).
func (s *Service) actorRegion(ctx context.Context, tx *db.Tx, actor app.Actor) (string, error) {
	if actor.OrgID == 0 {
		return "", nil
	}
	var code string
	err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", actor.OrgID).Scan(&code)
	if db.IsNoRows(err) {
		return "", nil
	}
	return code, err
}

// importMapping is the column mapping of an import: what the actor's
// region remembered for this kind, overridden by given.
func (s *Service) importMapping(ctx context.Context, actor app.Actor, kind string, given map[string]string) (map[string]string, error) {
	out := map[string]string{}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		region, err := s.actorRegion(ctx, tx, actor)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT header, field FROM import_mappings WHERE region_code = ? AND kind = ?", region, kind)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h, f string
			if err := rows.Scan(&h, &f); err != nil {
				return err
			}
			out[h] = f
		}
		return rows.Err()
	})
	maps.Copy(out, given)
	return out, err
}

// rememberMapping stores mapping for the actor's region's next file of kind.
func (s *Service) rememberMapping(ctx context.Context, actor app.Actor, kind string, mapping map[string]string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		region, err := s.actorRegion(ctx, tx, actor)
		if err != nil {
			return err
		}
		for h, f := range mapping {
			if _, err := tx.Exec(ctx, `DELETE FROM import_mappings WHERE region_code = ? AND kind = ? AND header = ?`, region, kind, h); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO import_mappings (region_code, kind, header, field, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)`, region, kind, h, f, actor.Username, s.now()); err != nil {
				return err
			}
		}
		return nil
	})
}
