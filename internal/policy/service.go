package policy

import (
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// Service keeps regions' rule sets. Each method runs in one transaction and
// every change writes one audit row.
type Service struct {
	DB  *db.DB
	Now app.Clock // nil: the real clock
}

var chinaTime = time.FixedZone("CST", 8*3600)

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// CurrentSchoolYear is the 学年 the service's clock is in (China time).
func (s *Service) CurrentSchoolYear() int { return dict.SchoolYearOf(s.now().In(chinaTime)) }

// editableRegion checks that actor may edit regionCode's rules: it needs
// region.edit (else EFORBIDDEN) and the region inside its scope (else
// ENOTFOUND, so a neighbour's regions are not even confirmed to exist).
func editableRegion(ctx context.Context, tx *db.Tx, actor app.Actor, code string) ([]region, error) {
	chain, err := regionChain(ctx, tx, code)
	if err != nil {
		return nil, err
	}
	if !auth.InScope(actor, chain[0].Path, -1, 0) {
		return nil, app.Errorf(app.ENOTFOUND, "区域不存在或不在您的管辖范围内")
	}
	return chain, nil
}

// openYear returns EINVALID when fromYear lies before the current 学年:
// past years keep the rules they had. first allows a region's first rule
// set to start earlier, so it can be checked against past records.
func (s *Service) openYear(fromYear int, first bool) error {
	if err := validYear(fromYear); err != nil {
		return err
	}
	if cur := s.CurrentSchoolYear(); fromYear < cur && !first {
		return app.Invalid("from_school_year", "已过去的学年不能修改规则：请从 %d学年或以后生效", cur)
	}
	return nil
}

// SetValue sets rule ruleKey of regionCode to value from 学年 fromYear on;
// earlier years keep their values. version is the rule's Version as the
// editor read it (0 when the region has never set it); a stale version gets
// ECONFLICT naming who changed what. The value keeps its document source
// when it equals the value in force before. Returns EFORBIDDEN without
// region.edit, ENOTFOUND when the region is out of scope, EINVALID for an
// unknown rule, a bad value, or a past year.
func (s *Service) SetValue(ctx context.Context, actor app.Actor, regionCode string, ruleKey RuleKey, value float64,
	fromYear int, note string, version int) error {
	def, err := checkSet(actor, ruleKey, value, note)
	if err != nil {
		return err
	}
	if err := s.openYear(fromYear, false); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := editableRegion(ctx, tx, actor, regionCode); err != nil {
			return err
		}
		return s.setValue(ctx, tx, actor, regionCode, def, valueRow{Value: value, FromYear: fromYear, Note: note}, version)
	})
}

// checkSet validates a SetValue request before any database work.
func checkSet(actor app.Actor, key RuleKey, value float64, note string) (RuleDef, error) {
	if err := actor.Require(auth.PermRegionEdit); err != nil {
		return RuleDef{}, err
	}
	def, ok := Def(key)
	if !ok {
		return def, unknownRule(key)
	}
	if utf8.RuneCountInString(note) > 500 {
		return def, app.Invalid("note", "说明不能超过 500 字")
	}
	return def, def.Validate(value)
}

func (s *Service) setValue(ctx context.Context, tx *db.Tx, actor app.Actor, code string, def RuleDef,
	v valueRow, version int) error {
	now := s.now().UnixMilli()
	if _, err := lockSet(ctx, tx, code, actor.Username, now); err != nil {
		return err
	}
	vers, err := versions(ctx, tx, code)
	if err != nil {
		return err
	}
	objID := code + "/" + string(def.Key)
	if cur := vers[string(def.Key)]; cur != version {
		changes, err := audit.ChangesSince(ctx, tx, "policy_rule", objID, version)
		if err != nil {
			return failed(err, "changes of %s since version %d", objID, version)
		}
		return app.Errorf(app.ECONFLICT, "%s", audit.ConflictMessage(changes))
	}
	before, had, err := inForce(ctx, tx, code, def.Key, v.FromYear)
	if err != nil {
		return err
	}
	v.Region, v.Key, v.Active, v.Version, v.UpdatedBy = code, string(def.Key), true, version+1, actor.Username
	if had && before.RegionCode == code && before.Value == v.Value {
		v.Preset, v.Source, v.Clause, v.Quote = before.Preset, before.Source, before.Clause, before.Quote
	}
	if err := upsertValue(ctx, tx, v, now); err != nil {
		return err
	}
	return audit.Record(ctx, tx, actor, audit.Entry{
		Action: "policy.update", ObjectType: "policy_rule", ObjectID: objID,
		Summary: fmt.Sprintf("修改区域规则 %s：%s，自%d学年起", def.Name, beforeText(def, before, had)+" → "+
			FormatValue(def, v.Value), v.FromYear),
		Before: ruleSnapshot(def, before.Value, had, before.FromYear, version),
		After:  ruleSnapshot(def, v.Value, true, v.FromYear, v.Version),
	})
}

// inForce is the value of one rule in force for code in year, if any.
func inForce(ctx context.Context, tx *db.Tx, code string, key RuleKey, year int) (RuleInForce, bool, error) {
	rs, err := rulesInForce(ctx, tx, code, key, year)
	if err != nil || len(rs) == 0 {
		return RuleInForce{}, false, err
	}
	return rs[0], true, nil
}

func beforeText(def RuleDef, r RuleInForce, had bool) string {
	if !had {
		return "（未设定）"
	}
	return FormatValue(def, r.Value)
}

// ruleSnapshot is a rule value as the audit log shows it.
func ruleSnapshot(def RuleDef, value float64, had bool, fromYear, version int) audit.Snapshot {
	s := audit.Snapshot{"规则": def.Name, audit.VersionKey: strconv.Itoa(version)}
	if had {
		s["数值"] = FormatValue(def, value)
		s["起始学年"] = strconv.Itoa(fromYear) + "学年"
	}
	return s
}
