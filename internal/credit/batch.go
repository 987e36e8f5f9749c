package credit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/db"
)

// AddMany is Add for many entries in the caller's transaction (imports,
// the demo): each is validated and converted as Add does, but the rows and
// the summaries go in multi-row statements. All or none with tx.
func AddMany(ctx context.Context, tx *db.Tx, es []Entry) error {
	known := map[string]bool{}
	for i := range es {
		if err := es[i].Validate(); err != nil {
			return err
		}
		if !known[es[i].Category] {
			if err := knownCategory(ctx, tx, es[i].Category); err != nil {
				return err
			}
			known[es[i].Category] = true
		}
	}
	if err := convertMany(ctx, tx, es); err != nil {
		return err
	}
	now := time.Now().UnixMilli()
	for i := range es {
		e := &es[i]
		if e.CreatedAt == 0 {
			e.CreatedAt = now
		}
		if e.State == StateApproved && e.Approver == "" {
			e.Approver, e.DecidedAt = e.CreatedBy, e.CreatedAt
		}
	}
	if err := insertMany(ctx, tx, es); err != nil {
		return err
	}
	return bumpMany(ctx, tx, es)
}

// convertMany converts the entries without credits of their own, reading
// each person's region and each region's rules once.
func convertMany(ctx context.Context, tx *db.Tx, es []Entry) error {
	regions, err := regionsOf(ctx, tx, es)
	if err != nil {
		return err
	}
	rules := map[string]map[string]Rule{}
	for i := range es {
		e := &es[i]
		if e.Credits != 0 || e.Hours == 0 || e.RuleYear != 0 {
			continue
		}
		region, ok := regions[e.PersonID]
		if !ok {
			return fmt.Errorf("学分记录：找不到人员 %d", e.PersonID)
		}
		key := region + "|" + itoa(e.SchoolYear)
		rs, ok := rules[key]
		if !ok {
			var err error
			if rs, err = RulesFor(ctx, tx, region, e.SchoolYear); err != nil {
				return err
			}
			rules[key] = rs
		}
		r := rs[e.Category]
		if c, ok := r.Convert(e.Hours); ok {
			e.Credits, e.RuleYear = c, r.FromYear
		}
	}
	return nil
}

// regionsOf reads the region of every person of es, 500 a query.
func regionsOf(ctx context.Context, tx *db.Tx, es []Entry) (map[int64]string, error) {
	out := map[int64]string{}
	var ids []any
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (struct {
			id   int64
			code string
		}, error) {
			var x struct {
				id   int64
				code string
			}
			return x, r.Scan(&x.id, &x.code)
		}, "SELECT p.id, o.region_code FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id IN ("+db.In(len(ids))+")", ids...)
		for _, x := range rows {
			out[x.id] = x.code
		}
		ids = ids[:0]
		return err
	}
	seen := map[int64]bool{}
	for _, e := range es {
		if seen[e.PersonID] {
			continue
		}
		seen[e.PersonID] = true
		if ids = append(ids, e.PersonID); len(ids) == 500 {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return out, flush()
}

// entryCols are the credit_entries columns insertMany writes.
var entryCols = []string{"person_id", "school_year", "half", "on_date", "category", "level", "title", "hours", "credits",
	"rule_year", "source", "source_id", "state", "approver", "decided_at", "note", "created_by", "created_at"}

func insertMany(ctx context.Context, tx *db.Tx, es []Entry) error {
	rows := make([][]any, len(es))
	for i, e := range es {
		rows[i] = []any{e.PersonID, e.SchoolYear, e.Half, e.Date, e.Category, e.Level, e.Title, e.Hours, e.Credits,
			e.RuleYear, e.Source, e.SourceID, e.State, e.Approver, e.DecidedAt, e.Note, e.CreatedBy, e.CreatedAt}
	}
	return tx.InsertMany(ctx, "credit_entries", entryCols, rows, "", nil)
}

// bumpMany adds the approved entries to the summaries, one row per person
// and year (and category) however many entries it sums.
func bumpMany(ctx context.Context, tx *db.Tx, es []Entry) error {
	type key struct {
		person int64
		year   int
		cat    string
	}
	sums, order := map[key]*YearSum{}, []key{}
	add := func(k key, e Entry) {
		s, ok := sums[k]
		if !ok {
			s = &YearSum{PersonID: k.person, SchoolYear: k.year, Category: k.cat}
			sums[k] = s
			order = append(order, k)
		}
		s.Hours, s.Credits, s.Entries = s.Hours+e.Hours, s.Credits+e.Credits, s.Entries+1
	}
	for _, e := range es {
		if e.State == StateApproved {
			add(key{e.PersonID, e.SchoolYear, ""}, e)
			add(key{e.PersonID, e.SchoolYear, e.Category}, e)
		}
	}
	var years, cats []YearSum
	for _, k := range order {
		if k.cat == "" {
			years = append(years, *sums[k])
		} else {
			cats = append(cats, *sums[k])
		}
	}
	if err := upsertSums(ctx, tx, years, false); err != nil {
		return err
	}
	return upsertSums(ctx, tx, cats, true)
}

func upsertSums(ctx context.Context, tx *db.Tx, ss []YearSum, byCategory bool) error {
	table, cols := "credit_person_years", []string{"person_id", "school_year"}
	if byCategory {
		table, cols = "credit_person_year_categories", []string{"person_id", "school_year", "category"}
	}
	rows := make([][]any, len(ss))
	for i, s := range ss {
		r := []any{s.PersonID, s.SchoolYear}
		if byCategory {
			r = append(r, s.Category)
		}
		rows[i] = append(r, s.Hours, s.Credits, s.Entries)
	}
	return tx.InsertMany(ctx, table, append(cols, "hours", "credits", "entries"), rows, "ON CONFLICT ("+strings.Join(cols, ", ")+
		") DO UPDATE SET hours = "+table+".hours + excluded.hours, credits = "+table+".credits + excluded.credits, entries = "+
		table+".entries + excluded.entries", nil)
}

func itoa(n int) string { return strconv.Itoa(n) }
