package policy

import (
	"context"
	"sync"

	"jiaoyan/internal/db"
)

// Rules in force are resolved once per process for each (region, 学年) and
// reused while policy_version has not moved. Triggers (migration 0034)
// raise policy_version on every write of policy_values, policy_sets and
// regions, so the number lives in the database and every serve process
// sharing it sees a change at its next read.
//
// Only read transactions fill the cache: a write transaction may still roll
// back, and its version would then be reused by a later write.

// ruleCache holds, per database, region and 学年, the resolved rules and
// the policy_version they were resolved at.
var ruleCache sync.Map

type ruleCacheKey struct {
	db   *db.DB
	code string
	year int
}

type cachedRules struct {
	version int64
	rules   []RuleInForce
}

// policyVersion reads the number every rule or region write raises.
func policyVersion(ctx context.Context, tx *db.Tx) (int64, error) {
	var v int64
	err := tx.QueryRow(ctx, "SELECT version FROM policy_version WHERE id = 1").Scan(&v)
	return v, err
}

// cachedRulesInForce is rulesInForce(code, "", year) inside read
// transaction tx through the process's cache. The version is read before
// the rules, so an entry is never labelled newer than what it holds (on
// PostgreSQL each statement of a READ COMMITTED transaction may see a later
// commit). The slice is the caller's own.
func cachedRulesInForce(ctx context.Context, tx *db.Tx, d *db.DB, code string, year int) ([]RuleInForce, error) {
	version, err := policyVersion(ctx, tx)
	if err != nil {
		return nil, err
	}
	return rulesAt(ctx, tx, d, version, code, year)
}

// rulesAt is the cached rules of code in year at version, resolving them in
// tx on a miss.
func rulesAt(ctx context.Context, tx *db.Tx, d *db.DB, version int64, code string, year int) ([]RuleInForce, error) {
	key := ruleCacheKey{db: d, code: code, year: year}
	if c, ok := ruleCache.Load(key); ok && c.(cachedRules).version == version {
		return cloneRules(c.(cachedRules).rules), nil
	}
	rs, err := rulesInForce(ctx, tx, code, "", year)
	if err != nil {
		return nil, err
	}
	if c, ok := ruleCache.Load(key); !ok || c.(cachedRules).version <= version {
		ruleCache.Store(key, cachedRules{version: version, rules: cloneRules(rs)})
	}
	return rs, nil
}

// cloneRules copies rs, and each rule's scale, so callers cannot change
// the cached entry.
func cloneRules(rs []RuleInForce) []RuleInForce {
	out := make([]RuleInForce, len(rs))
	for i, r := range rs {
		r.Def = cloneDef(r.Def)
		out[i] = r
	}
	return out
}

// pick returns the rule key of rs, if there.
func pick(rs []RuleInForce, key RuleKey) (RuleInForce, bool) {
	for _, r := range rs {
		if r.Def.Key == key {
			return r, true
		}
	}
	return RuleInForce{}, false
}

// Version is policy_version read in tx: the number every write of a rule,
// a rule set or a region raises. A caller keeping something derived from
// rules in force reuses it while the number stays.
func Version(ctx context.Context, tx *db.Tx) (int64, error) { return policyVersion(ctx, tx) }
