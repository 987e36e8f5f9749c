package activity

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// CalendarQueries are the reads FindCalendar makes for actor on day (to
// next), with their arguments: the day's branches, then the sign-ups.
func (s *Service) CalendarQueries(ctx context.Context, actor app.Actor, day, next string, perDay int) (qs []string, args [][]any, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		aud, err := audienceOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		branches, err := calendarBranches(ctx, tx, actor, aud)
		if err != nil {
			return err
		}
		q, bargs := CalendarDayQuery(branches)
		var a []any
		for _, b := range bargs {
			a = append(append(append(a, day, next), b.([]any)...), perDay+1)
		}
		qs, args = append(qs, q), append(args, a)
		return nil
	})
	qs = append(qs, signedUpQuery(""))
	args = append(args, []any{actor.PersonID, day, next})
	return qs, args, err
}
