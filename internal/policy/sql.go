package policy

import (
	"context"
	"database/sql"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// region is one node of a region's chain up to its city.
type region struct {
	Code, Name, Path string
}

// valueRow is one stored row of policy_values.
type valueRow struct {
	Region    string
	Key       string
	FromYear  int
	Value     float64
	Active    bool
	Preset    string
	Source    string
	Clause    string
	Quote     string
	Note      string
	Version   int
	UpdatedAt int64
	UpdatedBy string
}

// regionChain returns the region with code and its ancestors, nearest first,
// or ENOTFOUND.
func regionChain(ctx context.Context, tx *db.Tx, code string) ([]region, error) {
	var path string
	err := tx.QueryRow(ctx, "SELECT path FROM regions WHERE code = ?", code).Scan(&path)
	if db.IsNoRows(err) {
		return nil, app.Errorf(app.ENOTFOUND, "区域不存在或不在您的管辖范围内")
	}
	if err != nil {
		return nil, err
	}
	codes := strings.Split(strings.Trim(path, "/"), "/")
	args := make([]any, len(codes))
	for i, c := range codes {
		args[i] = c
	}
	rows, err := tx.Query(ctx, "SELECT code, name, path FROM regions WHERE code IN ("+db.In(len(codes))+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byCode := map[string]region{}
	for rows.Next() {
		var r region
		if err := rows.Scan(&r.Code, &r.Name, &r.Path); err != nil {
			return nil, err
		}
		byCode[r.Code] = r
	}
	chain := make([]region, 0, len(codes))
	for i := len(codes) - 1; i >= 0; i-- {
		chain = append(chain, byCode[codes[i]])
	}
	return chain, rows.Err()
}

const valueCols = `region_code, rule_key, from_school_year, value, active, preset, source, clause, quote, note,
	version, updated_at, updated_by`

// latestRows returns, for each (region, rule) among codes, the row with the
// greatest from_school_year <= year; key "" means every rule.
func latestRows(ctx context.Context, tx *db.Tx, codes []string, key string, year int) (map[[2]string]valueRow, error) {
	args := []any{year}
	for _, c := range codes {
		args = append(args, c)
	}
	q := "SELECT " + valueCols + " FROM policy_values WHERE from_school_year <= ? AND region_code IN (" + db.In(len(codes)) + ")"
	if key != "" {
		q += " AND rule_key = ?"
		args = append(args, key)
	}
	rows, err := tx.Query(ctx, q+" ORDER BY from_school_year", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]string]valueRow{}
	for rows.Next() {
		v, err := scanValue(rows)
		if err != nil {
			return nil, err
		}
		out[[2]string{v.Region, v.Key}] = v
	}
	return out, rows.Err()
}

// scanValue reads one row selected with valueCols.
func scanValue(rows *sql.Rows) (valueRow, error) {
	var v valueRow
	err := rows.Scan(&v.Region, &v.Key, &v.FromYear, &v.Value, &v.Active, &v.Preset, &v.Source, &v.Clause,
		&v.Quote, &v.Note, &v.Version, &v.UpdatedAt, &v.UpdatedBy)
	return v, err
}

// versions returns the edit version of each rule the region has set itself.
func versions(ctx context.Context, tx *db.Tx, code string) (map[string]int, error) {
	rows, err := tx.Query(ctx, "SELECT rule_key, MAX(version) FROM policy_values WHERE region_code = ? GROUP BY rule_key", code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// upsertValue writes the row for (region, rule, from year), replacing one
// already there for that same year.
func upsertValue(ctx context.Context, tx *db.Tx, v valueRow, now int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO policy_values (`+valueCols+`, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (region_code, rule_key, from_school_year) DO UPDATE SET value = excluded.value,
		active = excluded.active, preset = excluded.preset, source = excluded.source, clause = excluded.clause,
		quote = excluded.quote, note = excluded.note, version = excluded.version, updated_at = excluded.updated_at,
		updated_by = excluded.updated_by`,
		v.Region, v.Key, v.FromYear, v.Value, v.Active, v.Preset, v.Source, v.Clause, v.Quote, v.Note, v.Version,
		now, v.UpdatedBy, now)
	return err
}

// ruleSet is a region's policy_sets row.
type ruleSet struct {
	Preset   string
	FromYear int
	Version  int
}

// lockSet makes sure the region has a policy_sets row and locks it, so edits
// of one region's rules run one at a time on PostgreSQL too.
func lockSet(ctx context.Context, tx *db.Tx, code, by string, now int64) (ruleSet, error) {
	_, err := tx.Exec(ctx, `INSERT INTO policy_sets (region_code, version, created_at, updated_at, updated_by)
		VALUES (?, 0, ?, ?, ?) ON CONFLICT (region_code) DO NOTHING`, code, now, now, by)
	if err != nil {
		return ruleSet{}, err
	}
	var s ruleSet
	err = tx.QueryRow(ctx, "SELECT preset, from_school_year, version FROM policy_sets WHERE region_code = ?"+tx.ForUpdate(),
		code).Scan(&s.Preset, &s.FromYear, &s.Version)
	return s, err
}

// saveSet records the preset a region now starts from.
func saveSet(ctx context.Context, tx *db.Tx, code string, s ruleSet, by string, now int64) error {
	_, err := tx.Exec(ctx, `UPDATE policy_sets SET preset = ?, from_school_year = ?, version = ?, updated_at = ?,
		updated_by = ? WHERE region_code = ?`, s.Preset, s.FromYear, s.Version, now, by, code)
	return err
}

// hasOwnRules reports whether the region has ever set a rule itself.
func hasOwnRules(ctx context.Context, tx *db.Tx, code string) (bool, error) {
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM policy_values WHERE region_code = ?", code)
	return n > 0, err
}
