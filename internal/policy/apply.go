package policy

import (
	"context"
	"fmt"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// ApplyPreset makes preset presetKey the rule set of regionCode from 学年
// fromYear on: every rule the preset states gets its value and source, and
// every rule the region had set itself but the preset lacks is withdrawn
// from that year (the parent region's value, if any, applies again). Years
// before fromYear keep their rules, and values the region already scheduled
// for later years stay scheduled. fromYear may lie in the past only for a
// region's first rule set. One audit row records the change. Returns
// EFORBIDDEN without region.edit, ENOTFOUND when the region is out of scope,
// EINVALID for an unknown preset or a bad year.
func (s *Service) ApplyPreset(ctx context.Context, actor app.Actor, regionCode, presetKey string, fromYear int) error {
	if err := actor.Require(auth.PermRegionEdit); err != nil {
		return err
	}
	p, ok := PresetByKey(presetKey)
	if !ok {
		return app.Invalid("preset", "没有这个预设：%s", presetKey)
	}
	if err := validYear(fromYear); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		chain, err := editableRegion(ctx, tx, actor, regionCode)
		if err != nil {
			return err
		}
		own, err := hasOwnRules(ctx, tx, regionCode)
		if err != nil {
			return err
		}
		if err := s.openYear(fromYear, !own); err != nil {
			return err
		}
		return s.applyPreset(ctx, tx, actor, chain[0], p, fromYear)
	})
}

func (s *Service) applyPreset(ctx context.Context, tx *db.Tx, actor app.Actor, reg region, p Preset, year int) error {
	code := reg.Code
	now := s.now().UnixMilli()
	set, err := lockSet(ctx, tx, code, actor.Username, now)
	if err != nil {
		return err
	}
	vers, err := versions(ctx, tx, code)
	if err != nil {
		return err
	}
	for _, pv := range p.Values {
		v := valueRow{Region: code, Key: string(pv.Rule), FromYear: year, Value: pv.Value, Active: true, Preset: p.Key,
			Source: p.Source(), Clause: pv.Clause, Quote: pv.Quote, Note: pv.Note, Version: vers[string(pv.Rule)] + 1,
			UpdatedBy: actor.Username}
		if err := upsertValue(ctx, tx, v, now); err != nil {
			return err
		}
	}
	withdrawn, err := withdrawOthers(ctx, tx, code, p, year, vers, actor.Username, now)
	if err != nil {
		return err
	}
	next := ruleSet{Preset: p.Key, FromYear: year, Version: set.Version + 1}
	if err := saveSet(ctx, tx, code, next, actor.Username, now); err != nil {
		return err
	}
	return audit.Record(ctx, tx, actor, audit.Entry{
		Action: "policy.apply_preset", ObjectType: "policy_set", ObjectID: code,
		Summary: fmt.Sprintf("%s 采用预设 %s，自%d学年起：设定 %d 条规则，撤回 %d 条", reg.Name, p.Name, year,
			len(p.Values), withdrawn),
		Before: setSnapshot(set), After: setSnapshot(next),
	})
}

// withdrawOthers writes an inactive row from year for each rule the region
// itself has in force then that preset p does not state, and returns how
// many it withdrew.
func withdrawOthers(ctx context.Context, tx *db.Tx, code string, p Preset, year int, vers map[string]int,
	by string, now int64) (int, error) {
	rows, err := latestRows(ctx, tx, []string{code}, "", year)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range rows {
		if _, keep := p.Value(RuleKey(v.Key)); keep || !v.Active {
			continue
		}
		v.FromYear, v.Active, v.Version, v.UpdatedBy = year, false, vers[v.Key]+1, by
		v.Note = "采用预设 " + p.Name + " 后撤回"
		if err := upsertValue(ctx, tx, v, now); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func setSnapshot(s ruleSet) audit.Snapshot {
	snap := audit.Snapshot{"预设": "（无）", audit.VersionKey: strconv.Itoa(s.Version)}
	if p, ok := PresetByKey(s.Preset); ok {
		snap["预设"] = p.Name
		snap["起始学年"] = strconv.Itoa(s.FromYear) + "学年"
	}
	return snap
}
