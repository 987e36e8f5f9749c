package liaison

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// SaveVisits records many new visits (an import, or the demo) in one
// transaction with one audit row: each is checked as SaveVisit checks it,
// and a bad one fails the whole batch with its position (1-based).
func (s *Service) SaveVisits(ctx context.Context, actor app.Actor, vs []Visit) (int, error) {
	for i := range vs {
		if err := vs[i].Validate(today(s)); err != nil {
			return 0, batchErr(i, err)
		}
	}
	terms := s.termCache()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		now := s.now().UnixMilli()
		keys := map[summaryKey]bool{}
		writable := map[int64]bool{}  // researchers checked in this batch
		regions := map[int64]string{} // schools checked in this batch, and their region
		for i := range vs {
			v := &vs[i]
			if !writable[v.ResearcherID] {
				if err := canWrite(ctx, tx, actor, v.ResearcherID); err != nil {
					return batchErr(i, err)
				}
				writable[v.ResearcherID] = true
			}
			region, ok := regions[v.SchoolID]
			if !ok {
				var err error
				if _, _, region, err = schoolInScope(ctx, tx, actor, v.SchoolID); err != nil {
					return batchErr(i, err)
				}
				regions[v.SchoolID] = region
			}
			start, _ := time.Parse("2006-01-02", v.StartDate)
			v.Term = terms(ctx, region, start)
			if err := insertVisit(ctx, tx, actor, v, now); err != nil {
				return err
			}
			keys[summaryKey{v.ResearcherID, v.Term}] = true
		}
		if err := refreshSummaries(ctx, tx, keys, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "visit.import", ObjectType: "visit",
			Summary: fmt.Sprintf("批量记录到校 %d 条", len(vs))})
	})
	if err != nil {
		return 0, err
	}
	return len(vs), nil
}

// termCache is termOf with each region's calendar read once.
func (s *Service) termCache() func(context.Context, string, time.Time) dict.Term {
	type key struct {
		region string
		year   int
	}
	cals := map[key]*dict.YearCalendar{}
	return func(ctx context.Context, region string, d time.Time) dict.Term {
		k := key{region, dict.SchoolYearOf(d)}
		c, seen := cals[k]
		if !seen && s.Dict != nil {
			if got, ok, err := s.Dict.Calendar(ctx, region, k.year); err == nil && ok {
				c = &got
			}
			cals[k] = c
		}
		if c != nil {
			if t, in := c.TermOf(d); in {
				return t
			}
		}
		return dict.TermOf(d)
	}
}

func batchErr(i int, err error) error {
	if app.ErrorCode(err) == app.EINTERNAL {
		return err
	}
	return app.Errorf(app.ErrorCode(err), "第 %d 条：%s", i+1, app.ErrorMessage(err))
}
