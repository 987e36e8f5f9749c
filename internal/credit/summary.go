package credit

import (
	"context"
	"fmt"
	"math"

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

// PersonCycle is one person's credits over a cycle as a scope-wide
// standing needs them: the cycle's and the asked year's totals and the
// cycle totals of the capped categories.
type PersonCycle struct {
	PersonID    int64
	OrgID       int64
	Name        string
	OrgName     string
	CycleTotal  float64
	YearTotal   float64
	CappedTotal map[string]float64 // category -> 学分 in the cycle, for the categories asked
}

// ScopeCycles reads, for every active person of a school (orgs of kind
// school) matched by scope (an SQL condition over p and o, as
// auth.ScopeWhere makes it), their approved 学分 in 学年 from..to, in year
// and in the categories capped. It reads the summaries, one row per person
// and year, never the ledger itself.
func ScopeCycles(ctx context.Context, tx *db.Tx, scope string, args []any, from, to, year int, capped []string) ([]PersonCycle, error) {
	people, err := db.QueryAll(ctx, tx, func(r db.Scanner) (PersonCycle, error) {
		var p PersonCycle
		return p, r.Scan(&p.PersonID, &p.OrgID, &p.Name, &p.OrgName)
	}, `SELECT p.id, p.org_id, p.name, o.name FROM people p JOIN orgs o ON o.id = p.org_id
		WHERE p.active = TRUE AND o.kind = 'school' AND `+scope+` ORDER BY o.name, o.id, p.name, p.id`, args...)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(people))
	for i := range people {
		at[people[i].PersonID] = i
	}
	if err := addYearTotals(ctx, tx, people, at, scope, args, from, to, year); err != nil {
		return nil, err
	}
	return people, addCapped(ctx, tx, people, at, scope, args, from, to, capped)
}

func addYearTotals(ctx context.Context, tx *db.Tx, people []PersonCycle, at map[int64]int, scope string, args []any, from, to, year int) error {
	q := `SELECT s.person_id, SUM(s.credits), SUM(CASE WHEN s.school_year = ? THEN s.credits ELSE 0 END)
		FROM credit_person_years s JOIN people p ON p.id = s.person_id JOIN orgs o ON o.id = p.org_id
		WHERE s.school_year BETWEEN ? AND ? AND p.active = TRUE AND o.kind = 'school' AND ` + scope + ` GROUP BY s.person_id`
	rows, err := tx.Query(ctx, q, append([]any{year, from, to}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cyc, yr float64
		if err := rows.Scan(&id, &cyc, &yr); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			people[i].CycleTotal, people[i].YearTotal = round2(cyc), round2(yr)
		}
	}
	return rows.Err()
}

func addCapped(ctx context.Context, tx *db.Tx, people []PersonCycle, at map[int64]int, scope string, args []any, from, to int, capped []string) error {
	if len(capped) == 0 {
		return nil
	}
	q := `SELECT s.person_id, s.category, SUM(s.credits) FROM credit_person_year_categories s
		JOIN people p ON p.id = s.person_id JOIN orgs o ON o.id = p.org_id
		WHERE s.category IN (` + db.In(len(capped)) + `) AND s.school_year BETWEEN ? AND ? AND p.active = TRUE
		AND o.kind = 'school' AND ` + scope + ` GROUP BY s.person_id, s.category`
	qa := make([]any, 0, len(capped)+2+len(args))
	for _, c := range capped {
		qa = append(qa, c)
	}
	rows, err := tx.Query(ctx, q, append(append(qa, from, to), args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var cat string
		var v float64
		if err := rows.Scan(&id, &cat, &v); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			if people[i].CappedTotal == nil {
				people[i].CappedTotal = map[string]float64{}
			}
			people[i].CappedTotal[cat] = round2(v)
		}
	}
	return rows.Err()
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
