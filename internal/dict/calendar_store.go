package dict

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// YearCalendar is the 校历 a region sets for one 学年: the first and last day
// of each 学期 (YYYY-MM-DD).
type YearCalendar struct {
	Region               string
	Year                 int
	Term1Start, Term1End string
	Term2Start, Term2End string
	Version              int
}

func parseDay(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }

// Validate checks the dates are real, in order, and inside the 学年.
func (c YearCalendar) Validate() error {
	fields := []struct{ key, val string }{{"term1_start", c.Term1Start}, {"term1_end", c.Term1End},
		{"term2_start", c.Term2Start}, {"term2_end", c.Term2End}}
	var prev time.Time
	for _, f := range fields {
		d, err := parseDay(f.val)
		if err != nil {
			return app.Invalid(f.key, "日期格式应为 2025-09-01")
		}
		if !prev.IsZero() && !d.After(prev) {
			return app.Invalid(f.key, "学期日期须依次递增（第一学期开始 < 结束 < 第二学期开始 < 结束）")
		}
		prev = d
	}
	if s, _ := parseDay(c.Term1Start); s.Year() != c.Year {
		return app.Invalid("term1_start", "%d学年第一学期应在 %d 年开始", c.Year, c.Year)
	}
	return nil
}

// TermOf returns the 学期 of a date under this calendar, and false in the
// holidays between terms.
func (c YearCalendar) TermOf(d time.Time) (Term, bool) {
	day := d.Format("2006-01-02")
	switch {
	case day >= c.Term1Start && day <= c.Term1End:
		return Term{Year: c.Year, Half: First}, true
	case day >= c.Term2Start && day <= c.Term2End:
		return Term{Year: c.Year, Half: Second}, true
	}
	return Term{}, false
}

// Calendar returns the calendar region set for year, or ok false.
func (s *Store) Calendar(ctx context.Context, region string, year int) (YearCalendar, bool, error) {
	c := YearCalendar{Region: region, Year: year}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT term1_start, term1_end, term2_start, term2_end, version FROM school_calendars
			WHERE region_code = ? AND school_year = ?`, region, year).Scan(&c.Term1Start, &c.Term1End, &c.Term2Start, &c.Term2End, &c.Version)
	})
	if db.IsNoRows(err) {
		return c, false, nil
	}
	return c, err == nil, err
}

// Calendars lists the calendars of a region, newest first.
func (s *Store) Calendars(ctx context.Context, region string) ([]YearCalendar, error) {
	var out []YearCalendar
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, `SELECT school_year, term1_start, term1_end, term2_start, term2_end, version FROM school_calendars
			WHERE region_code = ? ORDER BY school_year DESC`, region)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c := YearCalendar{Region: region}
			if err := rows.Scan(&c.Year, &c.Term1Start, &c.Term1End, &c.Term2Start, &c.Term2End, &c.Version); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// SaveCalendar sets a region's calendar for one year. The caller checks
// the region is in the actor's scope (the web layer asks org first).
func (s *Store) SaveCalendar(ctx context.Context, actor app.Actor, c YearCalendar) error {
	if err := actor.Require(PermCalendarEdit); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE school_calendars SET term1_start = ?, term1_end = ?, term2_start = ?, term2_end = ?,
			version = version + 1 WHERE region_code = ? AND school_year = ? AND version = ?`,
			c.Term1Start, c.Term1End, c.Term2Start, c.Term2End, c.Region, c.Year, c.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if err := insertCalendar(ctx, tx, c); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "calendar.save", ObjectType: "calendar",
			ObjectID: fmt.Sprintf("%s/%d", c.Region, c.Year), Summary: fmt.Sprintf("设置 %d学年校历", c.Year),
			After: audit.Snapshot{"第一学期": c.Term1Start + " 至 " + c.Term1End, "第二学期": c.Term2Start + " 至 " + c.Term2End}})
	})
}

func insertCalendar(ctx context.Context, tx *db.Tx, c YearCalendar) error {
	if c.Version != 0 {
		return app.Errorf(app.ECONFLICT, "该校历已被他人修改，请刷新后重试")
	}
	_, err := tx.Exec(ctx, `INSERT INTO school_calendars (region_code, school_year, term1_start, term1_end, term2_start, term2_end)
		VALUES (?, ?, ?, ?, ?, ?)`, c.Region, c.Year, c.Term1Start, c.Term1End, c.Term2Start, c.Term2End)
	if db.IsUniqueViolation(err) {
		return app.Errorf(app.ECONFLICT, "该校历已被他人设置，请刷新后重试")
	}
	return err
}
