package policy

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// RuleSet says which preset a region's own rules started from (规则来源).
// Preset is "" when the region never applied one (it inherits, or only
// edited single rules).
type RuleSet struct {
	RegionCode string
	Preset     string
	PresetName string
	FromYear   int
	Version    int
	UpdatedAt  int64
	UpdatedBy  string
}

// Change is one stored value of a region's rule: the value from FromYear on,
// or, when Withdrawn, the end of the region's own value (the parent's applies).
type Change struct {
	FromYear  int
	Value     float64
	ValueText string
	Withdrawn bool
	Preset    string
	Source    string
	Clause    string
	Note      string
	Version   int
	UpdatedAt int64
	UpdatedBy string
}

func canRead(actor app.Actor) error {
	if !actor.Can(auth.PermRegionView) && !actor.Can(auth.PermOrgView) && !actor.Can(auth.PermPersonView) {
		return app.Errorf(app.EFORBIDDEN, "您没有查看区域规则的权限")
	}
	return nil
}

// FindRuleSet returns the region's rule set; a region without one gets a
// zero RuleSet with its code. Errors as RulesInForce.
func (s *Service) FindRuleSet(ctx context.Context, actor app.Actor, regionCode string) (RuleSet, error) {
	if err := canRead(actor); err != nil {
		return RuleSet{}, err
	}
	rs := RuleSet{RegionCode: regionCode}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := regionChain(ctx, tx, regionCode); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT preset, from_school_year, version, updated_at, updated_by FROM policy_sets
			WHERE region_code = ?`, regionCode).Scan(&rs.Preset, &rs.FromYear, &rs.Version, &rs.UpdatedAt, &rs.UpdatedBy)
		if db.IsNoRows(err) {
			return nil
		}
		return err
	})
	if p, ok := PresetByKey(rs.Preset); ok {
		rs.PresetName = p.Name
	}
	return rs, failed(err, "rule set of %s", regionCode)
}

// RuleHistory lists the values region regionCode itself stored for rule
// ruleKey, oldest year first (inherited values are not included). Errors as
// RulesInForce, and EINVALID for an unknown rule.
func (s *Service) RuleHistory(ctx context.Context, actor app.Actor, regionCode string, ruleKey RuleKey) ([]Change, error) {
	def, ok := Def(ruleKey)
	if !ok {
		return nil, unknownRule(ruleKey)
	}
	if err := canRead(actor); err != nil {
		return nil, err
	}
	var out []Change
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := regionChain(ctx, tx, regionCode); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT "+valueCols+` FROM policy_values WHERE region_code = ? AND rule_key = ?
			ORDER BY from_school_year`, regionCode, string(ruleKey))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanValue(rows)
			if err != nil {
				return err
			}
			out = append(out, changeOf(def, v))
		}
		return rows.Err()
	})
	return out, failed(err, "history of %s in %s", ruleKey, regionCode)
}

func changeOf(def RuleDef, v valueRow) Change {
	return Change{FromYear: v.FromYear, Value: v.Value, ValueText: FormatValue(def, v.Value), Withdrawn: !v.Active,
		Preset: v.Preset, Source: v.Source, Clause: v.Clause, Note: v.Note, Version: v.Version,
		UpdatedAt: v.UpdatedAt, UpdatedBy: v.UpdatedBy}
}
