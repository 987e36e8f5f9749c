package training

import (
	"context"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// TierStep is one step of a person's 五梯级 history.
type TierStep struct {
	Tier     string
	TierName string
	Date     string
	Basis    string
}

// RecordTier records that personID reached tier on date, on basis (the
// 认定 document or honour). The person's current tier in 人员 is org's to
// keep: the step sets it through org in the same transaction, when the step
// is the person's latest (a step recorded after the fact leaves a later one
// standing). The history and the targets are read from here.
func (s *Service) RecordTier(ctx context.Context, actor app.Actor, personID int64, tier, date, basis string) error {
	if err := actor.Require(PermTalentEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error { return s.recordTierTx(ctx, tx, actor, personID, tier, date, basis) })
}

// RecordTiers records one 认定 document at once: every person of ids
// reached tier on date on basis, as RecordTier does for each, in one
// transaction (one refused person writes nothing).
func (s *Service) RecordTiers(ctx context.Context, actor app.Actor, ids []int64, tier, date, basis string) error {
	if err := actor.Require(PermTalentEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		for _, id := range ids {
			if err := s.recordTierTx(ctx, tx, actor, id, tier, date, basis); err != nil {
				return err
			}
		}
		return nil
	})
}

// recordTierTx is RecordTier inside tx.
func (s *Service) recordTierTx(ctx context.Context, tx *db.Tx, actor app.Actor, personID int64, tier, date, basis string) error {
	basis = strings.TrimSpace(basis)
	d, derr := time.Parse("2006-01-02", date)
	m, err := personInScope(ctx, tx, actor, personID) // scope first: no hint about who is out of it
	switch {
	case err != nil:
		return err
	case org.TierNames[tier] == "":
		return app.Invalid("tier", "请选择梯级（新任、合格、骨干、学科带头人、名师名校长）")
	case derr != nil:
		return app.Invalid("date", "请填写认定日期，如 2025-09-01")
	case basis == "":
		return app.Invalid("basis", "请填写认定依据（文件或荣誉）")
	}
	id, err := tx.InsertID(ctx, `INSERT INTO training_tier_history (person_id, tier, on_date, school_year, basis, created_by,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, personID, tier, date, dict.SchoolYearOf(d), basis,
		actor.Username, s.now().UnixMilli())
	if err != nil {
		return err
	}
	var later int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM training_tier_history WHERE person_id = ? AND id <> ?
		AND on_date > ?`, personID, id, date).Scan(&later); err != nil {
		return err
	}
	after := audit.Snapshot{"梯级": org.TierNames[tier], "日期": date, "依据": basis}
	var before audit.Snapshot
	if later == 0 {
		old, err := s.Org.SetTierTx(ctx, tx, actor, personID, tier)
		if err != nil {
			return err
		}
		before, after["人员当前梯级"] = audit.Snapshot{"人员当前梯级": orDash(org.TierNames[old])}, org.TierNames[tier]
	}
	return audit.RecordChange(ctx, tx, actor, "tier.record", "tier", id, "记录梯级认定："+m.Name+" "+org.TierNames[tier], before,
		after)
}

// FindTiers is the tier history of a person in scope, oldest first.
func (s *Service) FindTiers(ctx context.Context, actor app.Actor, personID int64) ([]TierStep, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]TierStep, error) {
		if _, err := personInScope(ctx, tx, actor, personID); err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, func(r db.Scanner) (TierStep, error) {
			var t TierStep
			err := r.Scan(&t.Tier, &t.Date, &t.Basis)
			t.TierName = org.TierNames[t.Tier]
			return t, err
		}, "SELECT tier, on_date, basis FROM training_tier_history WHERE person_id = ? ORDER BY on_date, id", personID)
	})
}

// Target is one talent target of the region against its rule, with the
// names behind the count.
type Target struct {
	Name  string // what is counted, with the county for per-county targets
	Count int
	Text  string   // the rule's check, or 本区域未设定规则：…
	Names []string // the people, studios or schools counted
	rule  policy.RuleKey
}

// FindTargets measures the talent targets in the actor's scope in 学年
// year: 卓越教师 honoured that year (city), 骨干教师 stepped up that year in
// each county, the city- and county-level 名师工作室, and the 校本研修示范校
// designated up to that year.
func (s *Service) FindTargets(ctx context.Context, actor app.Actor, year int) ([]Target, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	var out []Target
	var region string
	var counties []struct{ code, name string }
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if region, err = actorRegion(ctx, tx, actor); err != nil {
			return err
		}
		scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "p.id")
		ex, err := names(ctx, tx, `SELECT p.name || '（' || o.name || '）' FROM person_honours h JOIN people p ON p.id = h.person_id
			JOIN orgs o ON o.id = p.org_id WHERE h.name LIKE '%卓越教师%' AND h.year = ? AND `+scope+` ORDER BY o.name, p.name`,
			append([]any{year}, args...)...)
		if err != nil {
			return err
		}
		out = append(out, Target{Name: "卓越教师", Names: ex, rule: policy.RuleTalentExcellentTeachersPerYear})
		for _, lv := range []string{"city", "county"} {
			st, err := names(ctx, tx, `SELECT s.name FROM studios s JOIN orgs o ON o.id = s.org_id JOIN people p ON p.id = s.host_id
				WHERE s.active = TRUE AND s.level = ? AND `+scope+` ORDER BY s.name`, append([]any{lv}, args...)...)
			if err != nil {
				return err
			}
			out = append(out, Target{Name: map[string]string{"city": "市级名师工作室", "county": "县级名师工作室"}[lv], Names: st,
				rule: map[string]policy.RuleKey{"city": policy.RuleStudioCityLevelTarget, "county": policy.RuleStudioCountyLevelTarget}[lv]})
		}
		oscope, oargs := auth.ScopeWhere(actor, "o.path", "o.id", "")
		ms, err := names(ctx, tx, `SELECT o.name || '（' || d.school_year || '学年' || CASE d.level WHEN 'city' THEN '市级' ELSE '县级' END || '）'
			FROM training_school_designations d JOIN orgs o ON o.id = d.org_id
			WHERE d.kind_code = ? AND d.school_year <= ? AND o.active = TRUE AND `+oscope+` ORDER BY o.name, d.id`,
			append([]any{KindModelSchool, year}, oargs...)...)
		if err != nil {
			return err
		}
		out = append(out, Target{Name: "校本研修示范校", Names: ms, rule: policy.RuleRegionTrainingDemoSchools})
		counties, err = db.QueryAll(ctx, tx, func(r db.Scanner) (struct{ code, name string }, error) {
			var c struct{ code, name string }
			return c, r.Scan(&c.code, &c.name)
		}, `SELECT DISTINCT g.code, g.name FROM orgs o JOIN regions g ON g.code = o.region_code JOIN people p ON p.org_id = o.id
			WHERE g.level = 'county' AND `+scope+` ORDER BY g.code`, args...)
		if err != nil {
			return err
		}
		for _, c := range counties {
			bb, err := names(ctx, tx, `SELECT p.name || '（' || o.name || '）' FROM training_tier_history t JOIN people p ON p.id = t.person_id
				JOIN orgs o ON o.id = p.org_id WHERE t.tier = 'backbone' AND t.school_year = ? AND o.region_code = ? AND `+scope+`
				ORDER BY o.name, p.name`, append([]any{year, c.code}, args...)...)
			if err != nil {
				return err
			}
			out = append(out, Target{Name: c.name + "骨干教师", Names: bb, rule: policy.RuleTalentBackboneTeachersPerCountyPerYear})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.checkTargets(ctx, out, region, year, len(counties))
}

// checkTargets words each target against its rule in region and year.
func (s *Service) checkTargets(ctx context.Context, ts []Target, region string, year, counties int) ([]Target, error) {
	for i := range ts {
		ts[i].Count = len(ts[i].Names)
		r, err := s.Policy.Check(ctx, region, ts[i].rule, year, float64(ts[i].Count))
		if err != nil {
			return nil, err
		}
		ts[i].Text = r.Text
	}
	return ts, nil
}

func names(ctx context.Context, tx *db.Tx, q string, args ...any) ([]string, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
		var s string
		return s, r.Scan(&s)
	}, q, args...)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
