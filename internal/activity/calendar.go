package activity

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// FindCalendar lists, for each day of [from, to) (YYYY-MM-DD), the first
// perDay activities the actor may see starting that day, in time order,
// and the days that have more (a month cell shows a few and "更多"); mine
// keeps only the actor's own sign-ups. Each day is one short read of the
// index (starts_at, id) that stops after perDay+1 rows, so a busy month
// costs a few rows per day, never the month's thousands.
func (s *Service) FindCalendar(ctx context.Context, actor app.Actor, from, to string, mine bool, perDay int) ([]Activity, map[string]bool, error) {
	start, err1 := time.Parse(time.DateOnly, from)
	end, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || end.Sub(start) > 62*24*time.Hour {
		return nil, nil, app.Invalid("month", "日期范围不正确")
	}
	more := map[string]bool{}
	list, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Activity, error) {
		aud, err := audienceOf(ctx, tx, actor)
		if err != nil {
			return nil, err
		}
		where, args := visibleWhereOf(actor, aud, true)
		if mine {
			where += " AND EXISTS (SELECT 1 FROM activity_signups m WHERE m.activity_id = a.id AND m.person_id = ? AND m.cancelled = FALSE)"
			args = append(args, actor.PersonID)
		}
		q := `SELECT a.id, a.title, a.theme, a.organiser, a.starts_at, a.ends_at, a.place, a.online_link, a.state FROM activities a
			WHERE a.starts_at >= ? AND a.starts_at < ? AND ` + where + " ORDER BY a.starts_at, a.id LIMIT ?"
		var out []Activity
		for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
			day := d.Format(time.DateOnly)
			got, err := db.QueryAll(ctx, tx, scanCalendar, q, append(append([]any{day, d.AddDate(0, 0, 1).Format(time.DateOnly)}, args...), perDay+1)...)
			if err != nil {
				return nil, err
			}
			if len(got) > perDay {
				got, more[day] = got[:perDay], true
			}
			out = append(out, got...)
		}
		return out, nil
	})
	return list, more, err
}
