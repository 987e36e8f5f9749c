package credit

import (
	"context"

	"jiaoyan/internal/db"
)

// personRegion is the region code of the organisation personID works at.
func personRegion(ctx context.Context, tx *db.Tx, personID int64) (string, error) {
	var code string
	err := tx.QueryRow(ctx, `SELECT o.region_code FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, personID).Scan(&code)
	return code, err
}

// convert fills e.Credits and e.RuleYear from the rule in force for the
// person's region in e.SchoolYear, unless e carries credits of its own
// (an award worth a fixed number) or has no hours.
func convert(ctx context.Context, tx *db.Tx, e *Entry) error {
	if e.Credits != 0 || e.Hours == 0 || e.RuleYear != 0 {
		return nil
	}
	region, err := personRegion(ctx, tx, e.PersonID)
	if err != nil {
		return err
	}
	rules, err := RulesFor(ctx, tx, region, e.SchoolYear)
	if err != nil {
		return err
	}
	r := rules[e.Category]
	if c, ok := r.Convert(e.Hours); ok {
		e.Credits, e.RuleYear = c, r.FromYear
	}
	return nil
}

// reconvert converts again, under the rules now in force, the entries in
// category of people in region (and the regions under it) from 学年 from
// on whose credits came from a conversion or are none, keeping the
// summaries right. Entries with credits of their own are left alone.
func reconvert(ctx context.Context, tx *db.Tx, region, category string, from int) (int, error) {
	type row struct {
		id, person  int64
		year        int
		region      string
		hours, cred float64
		ruleYear    int
		state       string
	}
	rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (row, error) {
		var x row
		return x, r.Scan(&x.id, &x.person, &x.year, &x.region, &x.hours, &x.cred, &x.ruleYear, &x.state)
	}, `SELECT e.id, e.person_id, e.school_year, o.region_code, e.hours, e.credits, e.rule_year, e.state
		FROM credit_entries e JOIN people p ON p.id = e.person_id JOIN orgs o ON o.id = p.org_id
		JOIN regions g ON g.code = o.region_code
		WHERE e.category = ? AND e.school_year >= ? AND (e.rule_year <> 0 OR e.credits = 0) AND e.hours > 0
		AND g.path LIKE (SELECT path FROM regions WHERE code = ?) || '%'`, category, from, region)
	if err != nil {
		return 0, err
	}
	cache := map[[2]any]map[string]Rule{}
	changed := 0
	for _, x := range rows {
		key := [2]any{x.region, x.year}
		rules, ok := cache[key]
		if !ok {
			if rules, err = RulesFor(ctx, tx, x.region, x.year); err != nil {
				return changed, err
			}
			cache[key] = rules
		}
		r := rules[category]
		c, conv := r.Convert(x.hours)
		ry := r.FromYear
		if !conv {
			c, ry = 0, 0
		}
		if c == x.cred && ry == x.ruleYear {
			continue
		}
		if _, err := tx.Exec(ctx, "UPDATE credit_entries SET credits = ?, rule_year = ? WHERE id = ?", c, ry, x.id); err != nil {
			return changed, err
		}
		if x.state == StateApproved {
			if err := bump(ctx, tx, x.person, x.year, category, 0, c-x.cred, 0); err != nil {
				return changed, err
			}
		}
		changed++
	}
	return changed, nil
}
