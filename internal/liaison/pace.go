package liaison

import (
	"context"
	"fmt"
	"math"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/policy"
)

// PaceMarginShare is how far behind the pace a researcher may fall before
// being reminded, as a share of the region's days per term: with 20 days a
// term, more than 2 days behind.
const PaceMarginShare = 0.1

// paceTerm is one region's running term and its rule, read once per run.
type paceTerm struct {
	term     dict.Term
	required float64 // days per term; 0: the region has no rule, nobody is reminded
	pace     float64 // days the pace asks for by today
}

// RemindOnSitePace reminds each researcher whose 到校天数 in the running
// 学期 fall behind the pace — the region's researcher.school_days_per_term
// times the share of the term already past, by the region's 校历 — by more
// than PaceMarginShare of the rule. A reminder is one message and one 待办,
// sent at most once per researcher and week; it closes the previous week's
// 待办. Regions without the rule, holidays and researchers without an
// account are skipped. It returns how many reminders it sent.
func (s *Service) RemindOnSitePace(ctx context.Context, now time.Time) (int, error) {
	sent := 0
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		rs, err := db.QueryAll(ctx, tx, scanResearcher, researcherSelect+" ORDER BY p.id")
		if err != nil {
			return err
		}
		terms := map[string]paceTerm{}
		for _, r := range rs {
			pt, ok := terms[r.Region]
			if !ok {
				if pt, err = s.paceTermOf(ctx, r.Region, now); err != nil {
					return err
				}
				terms[r.Region] = pt
			}
			n, err := remindPace(ctx, tx, r, pt, now)
			if err != nil {
				return err
			}
			sent += n
		}
		return nil
	})
	return sent, err
}

// paceTermOf finds region's running term at now and the pace by today.
func (s *Service) paceTermOf(ctx context.Context, region string, now time.Time) (paceTerm, error) {
	today := dayOf(now)
	t := s.termOf(ctx, region, today)
	start, end := s.termDates(ctx, region, t)
	if today.Before(start) || today.After(end) {
		return paceTerm{}, nil // the holidays
	}
	req, err := s.Policy.Required(ctx, region, policy.RuleResearcherSchoolDaysPerTerm, t.Year)
	if app.ErrorCode(err) == app.EINVALID {
		return paceTerm{}, nil
	}
	if err != nil {
		return paceTerm{}, err
	}
	share := today.Sub(start).Hours() / (end.Sub(start).Hours() + 24)
	return paceTerm{term: t, required: req, pace: req * share}, nil
}

// dayOf is now's calendar date in China, at midnight UTC like the 校历 dates.
func dayOf(now time.Time) time.Time {
	y, m, d := now.In(time.FixedZone("CST", 8*3600)).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func remindPace(ctx context.Context, tx *db.Tx, r Researcher, pt paceTerm, now time.Time) (int, error) {
	if pt.required == 0 {
		return 0, nil
	}
	var days int
	err := tx.QueryRow(ctx, "SELECT COALESCE(SUM(days), 0) FROM visits WHERE researcher_id = ? AND school_year = ? AND half = ?",
		r.ID, pt.term.Year, int(pt.term.Half)).Scan(&days)
	if err != nil {
		return 0, err
	}
	key, prev := paceKey(r.ID, pt.term, now), paceKey(r.ID, pt.term, now.AddDate(0, 0, -7))
	if pt.pace-float64(days) <= pt.required*PaceMarginShare {
		return 0, closeKeys(ctx, tx, key, prev)
	}
	if err := closeKeys(ctx, tx, prev); err != nil {
		return 0, err
	}
	need := int(math.Ceil(pt.pace))
	title := fmt.Sprintf("到校天数落后进度：本学期已到校 %d 天，按进度应达 %d 天", days, need)
	body := fmt.Sprintf("%s本学期要求到校 %s 天，目前已记录 %d 天，按学期进度应达 %d 天。请安排到校并及时记录。",
		pt.term.String(), trimFloat(pt.required), days, need)
	ok, err := notify.Remind(ctx, tx, notify.Reminder{PersonID: r.ID, Key: key, Title: title, Body: body, Link: "/my",
		Todo: &notify.Todo{Source: todoSourcePace, Title: "安排到校：" + title, Link: "/my/visit", Due: dayOf(now).AddDate(0, 0, 7)}})
	if ok {
		return 1, err
	}
	return 0, err
}

// paceKey names one researcher's pace reminder for one term and ISO week.
func paceKey(personID int64, t dict.Term, at time.Time) string {
	y, w := dayOf(at).ISOWeek()
	return fmt.Sprintf("liaison.pace:%d:%d-%d:%d-W%02d", personID, t.Year, int(t.Half), y, w)
}

func closeKeys(ctx context.Context, tx *db.Tx, keys ...string) error {
	for _, k := range keys {
		if _, err := notify.CloseTodos(ctx, tx, k); err != nil {
			return err
		}
	}
	return nil
}

func trimFloat(v float64) string { return fmt.Sprintf("%g", v) }
