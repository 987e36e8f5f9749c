package dict

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Row is a code table entry as a region keeps it: its sort order and whether
// forms offer it.
type Row struct {
	Table   string
	Code    string
	Name    string
	Aliases string
	Sort    int
	Enabled bool
	Version int
}

// Store keeps the editable copies of the code tables and the school calendar.
type Store struct{ DB *db.DB }

// editable are the tables kept in the database (行政区划 stays reference data).
var editable = []string{TableStage, TableSubject, TableTitle, TableEducation, TablePolitical, TableEthnicity, TableGender, TableCreditCategory}

// Seed adds the entries of the embedded tables the database lacks; it never
// overwrites an edited entry.
func (s *Store) Seed(ctx context.Context) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		for _, t := range editable {
			for _, e := range Entries(t) {
				if _, err := tx.Exec(ctx, `INSERT INTO dict_entries (table_code, code, name, aliases, parent, sort)
					VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (table_code, code) DO NOTHING`,
					t, e.Code, e.Name, strings.Join(e.Aliases, "|"), e.Parent, e.Sort); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Rows lists a table's entries in sort order; enabledOnly keeps what forms offer.
func (s *Store) Rows(ctx context.Context, table string, enabledOnly bool) ([]Row, error) {
	q := "SELECT table_code, code, name, aliases, sort, enabled, version FROM dict_entries WHERE table_code = ?"
	if enabledOnly {
		q += " AND enabled = TRUE"
	}
	var out []Row
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY sort, code", table)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Row
			if err := rows.Scan(&r.Table, &r.Code, &r.Name, &r.Aliases, &r.Sort, &r.Enabled, &r.Version); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

func (r Row) validate() error {
	switch {
	case !isEditable(r.Table):
		return app.Errorf(app.ENOTFOUND, "没有这个代码表")
	case strings.TrimSpace(r.Code) == "":
		return app.Invalid("code", "请填写代码")
	case strings.TrimSpace(r.Name) == "":
		return app.Invalid("name", "请填写名称")
	}
	return nil
}

func isEditable(t string) bool {
	for _, e := range editable {
		if e == t {
			return true
		}
	}
	return false
}

// Save adds an entry (Version 0) or updates its name, aliases, sort order
// and enabled flag. A stale Version is refused with ECONFLICT.
func (s *Store) Save(ctx context.Context, actor app.Actor, r Row) error {
	if err := actor.Require(PermEdit); err != nil {
		return err
	}
	r.Code, r.Name = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name)
	if err := r.validate(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := saveRow(ctx, tx, r); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "dict.save", ObjectType: "dict", ObjectID: r.Table + "/" + r.Code,
			Summary: fmt.Sprintf("修改代码表 %s：%s", tableTitle(r.Table), r.Name),
			After:   audit.Snapshot{"名称": r.Name, "排序": fmt.Sprint(r.Sort), "启用": fmt.Sprint(r.Enabled), audit.VersionKey: fmt.Sprint(r.Version + 1)}})
	})
}

func saveRow(ctx context.Context, tx *db.Tx, r Row) error {
	if r.Version == 0 {
		_, err := tx.Exec(ctx, "INSERT INTO dict_entries (table_code, code, name, aliases, sort, enabled) VALUES (?, ?, ?, ?, ?, ?)",
			r.Table, r.Code, r.Name, r.Aliases, r.Sort, r.Enabled)
		if db.IsUniqueViolation(err) {
			return app.Invalid("code", "代码 %s 已存在", r.Code)
		}
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE dict_entries SET name = ?, aliases = ?, sort = ?, enabled = ?, version = version + 1
		WHERE table_code = ? AND code = ? AND version = ?`, r.Name, r.Aliases, r.Sort, r.Enabled, r.Table, r.Code, r.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.Errorf(app.ECONFLICT, "该条目已被他人修改，请刷新后重试")
	}
	return nil
}
