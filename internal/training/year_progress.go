package training

import (
	"time"

	"jiaoyan/internal/dict"
)

// YearProgress tells how far 学年 year has run today: ok is false for a
// 学年 already over or not yet begun. pct is the share of its days gone
// (0–100) and last its final day, so that a page can say that the yearly
// minimum is judged on the whole year and can still be met.
func (s *Service) YearProgress(year int) (pct int, last time.Time, ok bool) {
	now := s.now().In(chinaTime)
	start := time.Date(year, dict.DefaultCalendar.YearStart.Month, dict.DefaultCalendar.YearStart.Day, 0, 0, 0, 0, chinaTime)
	end := start.AddDate(1, 0, 0)
	if now.Before(start) || !now.Before(end) {
		return 0, time.Time{}, false
	}
	pct = int(100 * now.Sub(start) / end.Sub(start))
	return pct, end.AddDate(0, 0, -1), true
}
