package dict

import (
	"fmt"
	"time"

	"jiaoyan/internal/app"
)

// MonthDay is a day of the year without a year.
type MonthDay struct {
	Month time.Month
	Day   int
}

// Calendar holds the dates a region's school year turns on. A region may
// override them; DefaultCalendar holds the national defaults.
//
// The 学年 runs from YearStart to the day before the next YearStart. The
// 第一学期 begins at YearStart and the 第二学期 at SecondTermStart. From
// SummerStart on, the summer holiday counts towards the coming 第一学期 (the
// term being prepared), so every date has a term and a term's dates are
// contiguous: in summer, TermOf(d).Year is SchoolYearOf(d)+1.
type Calendar struct {
	YearStart       MonthDay // 9月1日: first day of the 学年 and of the 第一学期
	SecondTermStart MonthDay // 2月1日: the winter holiday before it belongs to the 第一学期
	SummerStart     MonthDay // 7月15日: from here the summer counts towards the next 第一学期
}

// DefaultCalendar is the calendar used unless a region overrides it.
var DefaultCalendar = Calendar{
	YearStart:       MonthDay{time.September, 1},
	SecondTermStart: MonthDay{time.February, 1},
	SummerStart:     MonthDay{time.July, 15},
}

// Validate returns EINVALID unless the dates are real and in the order
// SecondTermStart < SummerStart <= YearStart within a calendar year.
func (c Calendar) Validate() error {
	for _, md := range []MonthDay{c.YearStart, c.SecondTermStart, c.SummerStart} {
		if md.Month < 1 || md.Month > 12 || md.Day < 1 || md.Day > daysIn(md.Month) {
			return app.Invalid("calendar", "日期无效：%d月%d日", md.Month, md.Day)
		}
	}
	if !(c.SecondTermStart.before(c.SummerStart) && !c.YearStart.before(c.SummerStart)) {
		return app.Invalid("calendar", "学期日期顺序应为：第二学期开始 < 暑假开始 ≤ 学年开始")
	}
	return nil
}

func daysIn(m time.Month) int {
	return time.Date(2024, m+1, 0, 0, 0, 0, 0, time.UTC).Day() // 2024 is a leap year
}

func (a MonthDay) before(b MonthDay) bool {
	return a.Month < b.Month || a.Month == b.Month && a.Day < b.Day
}

// on returns the MonthDay in year y, in d's location (Feb 29 becomes Mar 1 in
// common years, as time.Date normalises it).
func (a MonthDay) on(y int, loc *time.Location) time.Time {
	return time.Date(y, a.Month, a.Day, 0, 0, 0, 0, loc)
}

// SchoolYearOf returns the 学年 of d under the default calendar: 2025 for
// 2025-09-01 through 2026-08-31.
func SchoolYearOf(d time.Time) int { return DefaultCalendar.SchoolYearOf(d) }

// TermOf returns the 学期 of d under the default calendar.
func TermOf(d time.Time) Term { return DefaultCalendar.TermOf(d) }

// SchoolYearOf returns the 学年 that d falls in: the calendar year in which
// that 学年 began. Only d's date in its own location matters.
func (c Calendar) SchoolYearOf(d time.Time) int {
	if calDay(d).before(c.YearStart) {
		return d.Year() - 1
	}
	return d.Year()
}

// TermOf returns the 学期 that d falls in (see Calendar for the summer).
func (c Calendar) TermOf(d time.Time) Term {
	md := calDay(d)
	switch {
	case md.before(c.SecondTermStart):
		return Term{Year: d.Year() - 1, Half: First}
	case md.before(c.SummerStart):
		return Term{Year: d.Year() - 1, Half: Second}
	}
	return Term{Year: d.Year(), Half: First}
}

// Bounds returns the first day of term t and the first day after it, at
// midnight in loc, so that TermOf(d) == t exactly when start <= d < end.
func (c Calendar) Bounds(t Term, loc *time.Location) (start, end time.Time) {
	if t.Half == Second {
		return c.SecondTermStart.on(t.Year+1, loc), c.SummerStart.on(t.Year+1, loc)
	}
	return c.SummerStart.on(t.Year, loc), c.SecondTermStart.on(t.Year+1, loc)
}

func calDay(d time.Time) MonthDay { return MonthDay{d.Month(), d.Day()} }

// String formats a MonthDay as "9月1日".
func (a MonthDay) String() string { return fmt.Sprintf("%d月%d日", a.Month, a.Day) }
