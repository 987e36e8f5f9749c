package credit

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"jiaoyan/internal/db"
)

// bump adds an approved entry's amounts (or, with n = -1 and negated
// amounts, takes them away) to the person-year and person-year-category
// summaries, in the caller's transaction.
func bump(ctx context.Context, tx *db.Tx, personID int64, year int, category string, hours, credits float64, n int) error {
	if _, err := tx.Exec(ctx, `INSERT INTO credit_person_years (person_id, school_year, hours, credits, entries) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (person_id, school_year) DO UPDATE SET hours = credit_person_years.hours + excluded.hours,
		credits = credit_person_years.credits + excluded.credits, entries = credit_person_years.entries + excluded.entries`,
		personID, year, hours, credits, n); err != nil {
		return fmt.Errorf("学分年度汇总: %w", err)
	}
	_, err := tx.Exec(ctx, `INSERT INTO credit_person_year_categories (person_id, school_year, category, hours, credits, entries)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, school_year, category) DO UPDATE SET
		hours = credit_person_year_categories.hours + excluded.hours,
		credits = credit_person_year_categories.credits + excluded.credits,
		entries = credit_person_year_categories.entries + excluded.entries`, personID, year, category, hours, credits, n)
	if err != nil {
		return fmt.Errorf("学分类别汇总: %w", err)
	}
	return nil
}

// YearSum is a person's approved totals in one 学年 (and, with Category,
// of one category), read from the summaries.
type YearSum struct {
	PersonID   int64
	SchoolYear int
	Category   string // "" for the year's total
	Hours      float64
	Credits    float64
	Entries    int
}

// PersonSums returns personID's approved totals per 学年 from..to (the
// year rows, Category "") and per 学年 and category, in year order.
func PersonSums(ctx context.Context, tx *db.Tx, personID int64, from, to int) (years, cats []YearSum, err error) {
	years, err = db.QueryAll(ctx, tx, scanSum, `SELECT person_id, school_year, '', hours, credits, entries FROM credit_person_years
		WHERE person_id = ? AND school_year BETWEEN ? AND ? ORDER BY school_year`, personID, from, to)
	if err != nil {
		return nil, nil, err
	}
	cats, err = db.QueryAll(ctx, tx, scanSum, `SELECT person_id, school_year, category, hours, credits, entries
		FROM credit_person_year_categories WHERE person_id = ? AND school_year BETWEEN ? AND ? ORDER BY school_year, category`,
		personID, from, to)
	return years, cats, err
}

func scanSum(r db.Scanner) (YearSum, error) {
	var s YearSum
	err := r.Scan(&s.PersonID, &s.SchoolYear, &s.Category, &s.Hours, &s.Credits, &s.Entries)
	return s, err
}

// ScopePerson is a person of a scope-wide standing.
type ScopePerson struct {
	PersonID   int64
	OrgID      int64
	Name       string
	OrgName    string
	RegionCode string
}

// ScopePeople lists every active person of a school (orgs of kind school)
// matched by scope, an SQL condition over p and o as auth.ScopeWhere makes
// it, by school and name (sorted here, not by the database's collation, so
// both databases list alike and neither spills a sort to disk).
func ScopePeople(ctx context.Context, tx *db.Tx, scope string, args []any) ([]ScopePerson, error) {
	ps, err := db.QueryAll(ctx, tx, func(r db.Scanner) (ScopePerson, error) {
		var p ScopePerson
		return p, r.Scan(&p.PersonID, &p.OrgID, &p.Name, &p.OrgName, &p.RegionCode)
	}, `SELECT p.id, p.org_id, p.name, o.name, o.region_code FROM people p JOIN orgs o ON o.id = p.org_id
		WHERE p.active = TRUE AND o.kind = 'school' AND `+scope, args...)
	slices.SortFunc(ps, func(a, b ScopePerson) int {
		return cmp.Or(cmp.Compare(a.OrgName, b.OrgName), cmp.Compare(a.OrgID, b.OrgID), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.PersonID, b.PersonID))
	})
	return ps, err
}

// wideScope is how many people make a scope wide: its sums are read for
// everyone and filtered in memory, cheaper than a join or a long IN list.
const wideScope = 5000

// CycleSum is a person's approved 学分 over 学年 from..to: the total, the
// last year's, and the totals of the categories asked.
type CycleSum struct {
	Raw, Year float64
	Capped    map[string]float64
}

// CycleSums sums, from the summaries, the approved 学分 of each person in
// people over 学年 from..to (Year: of to alone) and of each category listed.
// People without entries are absent from the map.
func CycleSums(ctx context.Context, tx *db.Tx, people map[int64]bool, from, to int, categories []string) (map[int64]*CycleSum, error) {
	out := map[int64]*CycleSum{}
	if len(people) == 0 {
		return out, nil
	}
	err := eachRow(ctx, tx, people, `SELECT person_id, '', SUM(credits), SUM(CASE WHEN school_year = ? THEN credits ELSE 0 END)
		FROM credit_person_years WHERE school_year BETWEEN ? AND ?`, []any{to, from, to}, " GROUP BY person_id",
		func(id int64, _ string, total, year float64) {
			out[id] = &CycleSum{Raw: round2(total), Year: round2(year)}
		})
	if err != nil || len(categories) == 0 {
		return out, err
	}
	args := []any{}
	for _, c := range categories {
		args = append(args, c)
	}
	return out, eachRow(ctx, tx, people, `SELECT person_id, category, SUM(credits), 0 FROM credit_person_year_categories
		WHERE category IN (`+db.In(len(categories))+`) AND school_year BETWEEN ? AND ?`, append(args, from, to),
		" GROUP BY person_id, category", func(id int64, cat string, total, _ float64) {
			s := out[id]
			if s == nil {
				s = &CycleSum{}
				out[id] = s
			}
			if s.Capped == nil {
				s.Capped = map[string]float64{}
			}
			s.Capped[cat] = round2(total)
		})
}

// eachRow runs q (narrowed to people unless they are many) + group and
// calls fn with each row of people.
func eachRow(ctx context.Context, tx *db.Tx, people map[int64]bool, q string, args []any, group string,
	fn func(id int64, cat string, a, b float64)) error {
	if len(people) <= wideScope {
		q += " AND person_id IN (" + db.In(len(people)) + ")"
		for id := range people {
			args = append(args, id)
		}
	}
	rows, err := tx.Query(ctx, q+group, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cat string
		var a, b float64
		if err := rows.Scan(&id, &cat, &a, &b); err != nil {
			return err
		}
		if people[id] {
			fn(id, cat, a, b)
		}
	}
	return rows.Err()
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
