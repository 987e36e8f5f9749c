package credit

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

const entryColumns = `e.id, e.person_id, p.name, e.school_year, e.half, e.on_date, e.category, COALESCE(c.name, e.category), COALESCE(c.parent, ''),
	e.level, e.title, e.hours, e.credits, e.rule_year, e.source, e.source_id, e.state, e.approver, e.decided_at, e.note,
	e.version, e.created_by, e.created_at`

const entryFrom = ` FROM credit_entries e JOIN people p ON p.id = e.person_id
	LEFT JOIN dict_entries c ON c.table_code = '` + dict.TableCreditCategory + `' AND c.code = e.category`

const sqlTrainingHours = `SELECT COALESCE(SUM(e.hours), 0) FROM credit_entries e JOIN dict_entries c
	ON c.table_code = '` + dict.TableCreditCategory + `' AND c.code = e.category
	WHERE e.person_id = ? AND e.school_year = ? AND e.state = ? AND c.parent = ?`

func insertEntry(ctx context.Context, tx *db.Tx, e Entry) (int64, error) {
	return tx.InsertID(ctx, `INSERT INTO credit_entries (person_id, school_year, half, on_date, category, level, title, hours,
		credits, rule_year, source, source_id, state, approver, decided_at, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.PersonID, e.SchoolYear, e.Half, e.Date, e.Category, e.Level, e.Title, e.Hours, e.Credits, e.RuleYear, e.Source,
		e.SourceID, e.State, e.Approver, e.DecidedAt, e.Note, e.CreatedBy, e.CreatedAt)
}

// knownCategory refuses a category the code table lacks or has disabled,
// and a group heading (培训学时, 教研科研) which is no category of its own.
func knownCategory(ctx context.Context, tx *db.Tx, code string) error {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM dict_entries WHERE table_code = ? AND code = ? AND enabled = TRUE
		AND parent <> ''`, dict.TableCreditCategory, code).Scan(&n)
	if err == nil && n == 0 {
		return app.Invalid("category", "没有这个学时类别，或该类别已停用")
	}
	return err
}

func decide(ctx context.Context, tx *db.Tx, id int64, version int, state, note, by string) (int64, error) {
	res, err := tx.Exec(ctx, `UPDATE credit_entries SET state = ?, note = ?, approver = ?, decided_at = ?, version = version + 1
		WHERE id = ? AND version = ? AND state = ?`, state, note, by, nowMilli(), id, version, StatePending)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// where builds the WHERE clause of a filter.
func where(f Filter) (string, []any) {
	q, args := " WHERE 1 = 1", []any{}
	add := func(cond string, v any) { q += " AND " + cond; args = append(args, v) }
	if f.PersonID != 0 {
		add("e.person_id = ?", f.PersonID)
	}
	if f.SchoolYear != 0 {
		add("e.school_year = ?", f.SchoolYear)
	}
	if f.Category != "" {
		add("e.category = ?", f.Category)
	}
	if f.Source != "" {
		add("e.source = ?", f.Source)
	}
	if f.State != "" {
		add("e.state = ?", f.State)
	}
	if f.FromYear != 0 {
		add("e.school_year >= ?", f.FromYear)
	}
	if f.ToYear != 0 {
		add("e.school_year <= ?", f.ToYear)
	}
	return q, args
}

// FindEntries lists the entries matching f, newest date first.
func FindEntries(ctx context.Context, tx *db.Tx, f Filter) ([]Entry, error) {
	w, args := where(f)
	return db.QueryAll(ctx, tx, scanEntry, "SELECT "+entryColumns+entryFrom+w+" ORDER BY e.on_date DESC, e.id DESC", args...)
}

func scanEntry(r db.Scanner) (Entry, error) {
	var e Entry
	err := r.Scan(&e.ID, &e.PersonID, &e.PersonName, &e.SchoolYear, &e.Half, &e.Date, &e.Category, &e.CategoryName, &e.Group, &e.Level,
		&e.Title, &e.Hours, &e.Credits, &e.RuleYear, &e.Source, &e.SourceID, &e.State, &e.Approver, &e.DecidedAt, &e.Note,
		&e.Version, &e.CreatedBy, &e.CreatedAt)
	return e, err
}

// Totals sums the approved entries matching f (its State is ignored) per
// person, 学年 and category, ordered by person, year and category.
func Totals(ctx context.Context, tx *db.Tx, f Filter) ([]Total, error) {
	f.State = StateApproved
	w, args := where(f)
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Total, error) {
		var t Total
		err := r.Scan(&t.PersonID, &t.SchoolYear, &t.Category, &t.Hours, &t.Credits, &t.Count)
		return t, err
	}, `SELECT e.person_id, e.school_year, e.category, SUM(e.hours), SUM(e.credits), COUNT(*) FROM credit_entries e`+w+`
		GROUP BY e.person_id, e.school_year, e.category ORDER BY e.person_id, e.school_year, e.category`, args...)
}

// entryByID reads one entry; ENOTFOUND when there is none.
func entryByID(ctx context.Context, tx *db.Tx, id int64) (Entry, error) {
	e, err := scanEntry(tx.QueryRow(ctx, "SELECT "+entryColumns+entryFrom+" WHERE e.id = ?", id))
	if db.IsNoRows(err) {
		return e, app.Errorf(app.ENOTFOUND, "找不到该学时记录")
	}
	return e, err
}

// FindEntryByID reads one entry for a caller that has checked its scope;
// ENOTFOUND when there is none.
func FindEntryByID(ctx context.Context, tx *db.Tx, id int64) (Entry, error) {
	return entryByID(ctx, tx, id)
}
