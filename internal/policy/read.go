package policy

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// RuleInForce is one rule as it applies to a region in a 学年 (现行规则),
// with where its value comes from.
type RuleInForce struct {
	Def        RuleDef
	Value      float64
	ValueText  string // "72 学时", "80%", "一级教师"
	Unit       string
	RegionCode string // the region that set the value: the asked one, or an ancestor
	RegionName string
	Inherited  bool // set by an ancestor (县 inherits 市)
	FromYear   int  // in force since this 学年
	Preset     string
	Source     string // the document: issuer《title》（文号）; "" for a region's own edit
	Clause     string
	Quote      string
	Note       string
	Version    int // edit version of this rule in the asked region (0: never set there); SetValue takes it
	UpdatedAt  int64
	UpdatedBy  string
}

// RulesInForce lists the rules in force for regionCode in schoolYear, in
// catalogue order, each with its source. A rule the region has not set comes
// from the nearest ancestor that has. Policy documents are public, so any
// actor who may view regions, organisations or people may read any region's
// rules. Returns EFORBIDDEN without such a permission, ENOTFOUND for an
// unknown region.
func (s *Service) RulesInForce(ctx context.Context, actor app.Actor, regionCode string, schoolYear int) ([]RuleInForce, error) {
	if err := canRead(actor); err != nil {
		return nil, err
	}
	if err := validYear(schoolYear); err != nil {
		return nil, err
	}
	var out []RuleInForce
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = cachedRulesInForce(ctx, tx, s.DB, regionCode, schoolYear)
		return err
	})
	return out, failed(err, "rules in force of %s in %d", regionCode, schoolYear)
}

// rulesInForce resolves the rules (key "" for all) of code in year.
func rulesInForce(ctx context.Context, tx *db.Tx, code string, key RuleKey, year int) ([]RuleInForce, error) {
	chain, err := regionChain(ctx, tx, code)
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(chain))
	for i, r := range chain {
		codes[i] = r.Code
	}
	rows, err := latestRows(ctx, tx, codes, string(key), year)
	if err != nil {
		return nil, err
	}
	vers, err := versions(ctx, tx, code)
	if err != nil {
		return nil, err
	}
	var out []RuleInForce
	for _, d := range catalogue {
		if r, ok := resolve(chain, rows, d); ok && (key == "" || key == d.Key) {
			r.Version = vers[string(d.Key)]
			out = append(out, r)
		}
	}
	return out, nil
}

// resolve walks the chain from the region up and returns the first active
// value of rule d. An inactive row withdraws that region's own value, so the
// walk goes on to its parent.
func resolve(chain []region, rows map[[2]string]valueRow, d RuleDef) (RuleInForce, bool) {
	for i, reg := range chain {
		v, ok := rows[[2]string{reg.Code, string(d.Key)}]
		if !ok || !v.Active {
			continue
		}
		return RuleInForce{
			Def: cloneDef(d), Value: v.Value, ValueText: FormatValue(d, v.Value), Unit: d.Unit,
			RegionCode: reg.Code, RegionName: reg.Name, Inherited: i > 0, FromYear: v.FromYear,
			Preset: v.Preset, Source: v.Source, Clause: v.Clause, Quote: v.Quote, Note: v.Note,
			UpdatedAt: v.UpdatedAt, UpdatedBy: v.UpdatedBy,
		}, true
	}
	return RuleInForce{}, false
}

// ValueFor returns the value of rule ruleKey in force for regionCode in
// schoolYear, inherited from the nearest ancestor when the region has not
// set it; ok is false when no region in the chain has. It is for modules,
// which have already checked their caller's scope. Returns EINVALID for an
// unknown rule, ENOTFOUND for an unknown region.
func (s *Service) ValueFor(ctx context.Context, regionCode string, ruleKey RuleKey, schoolYear int) (float64, bool, error) {
	r, ok, err := s.lookup(ctx, regionCode, ruleKey, schoolYear)
	return r.Value, ok, err
}

func (s *Service) lookup(ctx context.Context, code string, key RuleKey, year int) (RuleInForce, bool, error) {
	if _, ok := Def(key); !ok {
		return RuleInForce{}, false, unknownRule(key)
	}
	if err := validYear(year); err != nil {
		return RuleInForce{}, false, err
	}
	var rs []RuleInForce
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		rs, err = cachedRulesInForce(ctx, tx, s.DB, code, year)
		return err
	})
	if err != nil {
		return RuleInForce{}, false, failed(err, "rule %s of %s in %d", key, code, year)
	}
	r, ok := pick(rs, key)
	return r, ok, nil
}

// Check answers whether measured meets rule ruleKey for regionCode in
// schoolYear, and by how much (see Result and Evaluate). Shares are in
// percent (75 for 75%), ratios as x for x:1, levels by Rank, cycles as the
// years since the last time. With no value in force the result has InForce
// false, Met true and Text NotSetText (本区域未设定规则：…), for the page to
// show: no number is made up. Errors as ValueFor.
func (s *Service) Check(ctx context.Context, regionCode string, ruleKey RuleKey, schoolYear int, measured float64) (Result, error) {
	r, ok, err := s.lookup(ctx, regionCode, ruleKey, schoolYear)
	if err != nil {
		return Result{}, err
	}
	def, _ := Def(ruleKey)
	if !ok {
		return Result{Rule: def, Measured: measured, Met: true, Text: NotSetText(def)}, nil
	}
	return Evaluate(def, r.Value, measured), nil
}

// Required returns the value of rule ruleKey in force for regionCode in
// schoolYear, for work that cannot go on without it (planning a round,
// proposing teams). A rule no region in the chain has set is EINVALID with
// NotSetText as the message, so the user learns which rule to set; never
// replace it with a number of your own. Other errors as ValueFor.
func (s *Service) Required(ctx context.Context, regionCode string, ruleKey RuleKey, schoolYear int) (float64, error) {
	r, ok, err := s.lookup(ctx, regionCode, ruleKey, schoolYear)
	if err != nil {
		return 0, err
	}
	if !ok {
		def, _ := Def(ruleKey)
		return 0, app.Invalid("rule_key", "%s，请先在「区域规则」中设定", NotSetText(def))
	}
	return r.Value, nil
}

// NotSetText is what a user sees for a rule the region has not set:
// "本区域未设定规则：每学年听课".
func NotSetText(def RuleDef) string { return "本区域未设定规则：" + def.Name }

func unknownRule(key RuleKey) error {
	return app.Invalid("rule_key", "没有这条规则：%s", key)
}

// validYear returns EINVALID unless y is a plausible 学年.
func validYear(y int) error {
	if y < 2000 || y > 2100 {
		return app.Invalid("school_year", "学年应为 2000 至 2100 之间的年份（学年从当年9月1日开始）")
	}
	return nil
}
