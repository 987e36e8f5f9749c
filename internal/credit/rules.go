package credit

import (
	"context"
	"math"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Rule is a region's setting for one category (学分规则), in force from the
// 学年 FromYear on: HoursPerCredit 学时 make one 学分 (Beijing: 10 for
// courses, 20 for practice), and CapPerCycle is the most 学分 of the
// category a cycle counts. Zero means the region has not set it: entries of
// the category then carry no converted credits, and no cap applies.
type Rule struct {
	ID             int64
	RegionCode     string
	RegionName     string // filled by FindRules
	Category       string
	CategoryName   string // filled by FindRules
	FromYear       int
	HoursPerCredit float64
	CapPerCycle    float64
	Note           string
	Version        int
	UpdatedBy      string
	UpdatedAt      int64
}

// Validate checks a rule as the form gives it.
func (r *Rule) Validate() error {
	switch {
	case r.RegionCode == "":
		return app.Invalid("region_code", "请选择区域")
	case r.Category == "":
		return app.Invalid("category", "请选择类别")
	case r.FromYear < 2000 || r.FromYear > 2100:
		return app.Invalid("from_year", "起始学年应为 2000 至 2100 之间的年份")
	case math.IsNaN(r.HoursPerCredit) || r.HoursPerCredit < 0 || r.HoursPerCredit > 1000:
		return app.Invalid("hours_per_credit", "折算学时应为 0 至 1000 之间的数（0 表示不折算）")
	case math.IsNaN(r.CapPerCycle) || r.CapPerCycle < 0 || r.CapPerCycle > 10000:
		return app.Invalid("cap_per_cycle", "周期上限应为 0 至 10000 之间的数（0 表示不设上限）")
	}
	return nil
}

// Convert is hours in 学分 under r, rounded to 0.01; ok is false when r
// sets no conversion.
func (r Rule) Convert(hours float64) (float64, bool) {
	if r.HoursPerCredit <= 0 {
		return 0, false
	}
	return math.Round(hours/r.HoursPerCredit*100) / 100, true
}

const ruleColumns = `r.id, r.region_code, g.name, r.category, COALESCE(c.name, r.category), r.from_year, r.hours_per_credit,
	r.cap_per_cycle, r.note, r.version, r.updated_by, r.updated_at`

func scanRule(s db.Scanner) (Rule, error) {
	var r Rule
	err := s.Scan(&r.ID, &r.RegionCode, &r.RegionName, &r.Category, &r.CategoryName, &r.FromYear, &r.HoursPerCredit,
		&r.CapPerCycle, &r.Note, &r.Version, &r.UpdatedBy, &r.UpdatedAt)
	return r, err
}

// regionChain is code and its ancestors, nearest first.
func regionChain(ctx context.Context, tx *db.Tx, code string) ([]string, error) {
	var chain []string
	for code != "" && len(chain) < 8 {
		chain = append(chain, code)
		var parent *string
		if err := tx.QueryRow(ctx, "SELECT parent_code FROM regions WHERE code = ?", code).Scan(&parent); err != nil {
			if db.IsNoRows(err) {
				return nil, app.Errorf(app.ENOTFOUND, "找不到该区域")
			}
			return nil, err
		}
		code = ""
		if parent != nil {
			code = *parent
		}
	}
	return chain, nil
}

// RulesFor resolves the rules in force for region in 学年 year, by
// category: the region's own row beats an ancestor's, and of one region's
// rows the latest FromYear not after year applies. A rule changed from a
// later year on never alters what an earlier year resolves to.
func RulesFor(ctx context.Context, tx *db.Tx, region string, year int) (map[string]Rule, error) {
	chain, err := regionChain(ctx, tx, region)
	if err != nil {
		return nil, err
	}
	out := map[string]Rule{}
	for _, code := range chain {
		rs, err := db.QueryAll(ctx, tx, scanRule, "SELECT "+ruleColumns+ruleFrom+
			" WHERE r.region_code = ? AND r.from_year <= ? ORDER BY r.from_year DESC", code, year)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if _, ok := out[r.Category]; !ok {
				out[r.Category] = r
			}
		}
	}
	return out, nil
}

const ruleFrom = ` FROM credit_rules r JOIN regions g ON g.code = r.region_code
	LEFT JOIN dict_entries c ON c.table_code = 'credit_category' AND c.code = r.category`

// FindRules lists region's own rows, by category and year.
func FindRules(ctx context.Context, tx *db.Tx, region string) ([]Rule, error) {
	return db.QueryAll(ctx, tx, scanRule, "SELECT "+ruleColumns+ruleFrom+
		" WHERE r.region_code = ? ORDER BY c.sort, r.category, r.from_year", region)
}

// SetRule writes r (a new row, or the row of its region, category and
// year at r.Version) with its audit row, and converts again the entries
// of the region's people in r's category from r.FromYear on whose credits
// came from a conversion (or had none): earlier years keep theirs. The
// caller checks that actor may edit the region. A stale version is
// ECONFLICT. Returns how many entries changed.
func SetRule(ctx context.Context, tx *db.Tx, actor app.Actor, r Rule) (int, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	if err := knownCategory(ctx, tx, r.Category); err != nil {
		return 0, err
	}
	if _, err := regionChain(ctx, tx, r.RegionCode); err != nil {
		return 0, err
	}
	before, err := upsertRule(ctx, tx, actor, r)
	if err != nil {
		return 0, err
	}
	after := ruleSnapshot(r, before.Version+1)
	var prev audit.Snapshot
	if before.Version != 0 {
		prev = ruleSnapshot(before, before.Version)
	}
	if err := audit.RecordChange(ctx, tx, actor, "credit.rule", "credit_rule", before.ID, "设定学分规则："+r.Category+
		" 自 "+strconv.Itoa(r.FromYear)+" 学年", prev, after); err != nil {
		return 0, err
	}
	return reconvert(ctx, tx, r.RegionCode, r.Category, r.FromYear)
}

// upsertRule inserts r or updates its row at r.Version; it returns the row
// as it was (ID 0 and Version 0 for a new one).
func upsertRule(ctx context.Context, tx *db.Tx, actor app.Actor, r Rule) (Rule, error) {
	old, err := scanRule(tx.QueryRow(ctx, "SELECT "+ruleColumns+ruleFrom+
		" WHERE r.region_code = ? AND r.category = ? AND r.from_year = ?", r.RegionCode, r.Category, r.FromYear))
	now := nowMilli()
	if db.IsNoRows(err) {
		id, err := tx.InsertID(ctx, `INSERT INTO credit_rules (region_code, category, from_year, hours_per_credit, cap_per_cycle,
			note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.RegionCode, r.Category, r.FromYear,
			r.HoursPerCredit, r.CapPerCycle, r.Note, actor.Username, now)
		return Rule{ID: id}, err
	}
	if err != nil {
		return Rule{}, err
	}
	if r.Version != old.Version {
		return Rule{}, app.Errorf(app.ECONFLICT, "该规则已被他人修改，请刷新后重试")
	}
	_, err = tx.Exec(ctx, `UPDATE credit_rules SET hours_per_credit = ?, cap_per_cycle = ?, note = ?, version = version + 1,
		updated_by = ?, updated_at = ? WHERE id = ?`, r.HoursPerCredit, r.CapPerCycle, r.Note, actor.Username, now, old.ID)
	return old, err
}

func ruleSnapshot(r Rule, version int) audit.Snapshot {
	return audit.Snapshot{"区域": r.RegionCode, "类别": r.Category, "起始学年": strconv.Itoa(r.FromYear),
		"折算学时": num(r.HoursPerCredit), "周期上限": num(r.CapPerCycle), audit.VersionKey: strconv.Itoa(version)}
}
