package dict

import (
	"testing"
	"time"

	"jiaoyan/internal/app"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSchoolYearAndTermEdges(t *testing.T) {
	cases := []struct {
		date string
		year int
		term string
	}{
		{"2025-08-31", 2024, "2025学年第一学期"}, // summer counts towards the coming term
		{"2025-09-01", 2025, "2025学年第一学期"},
		{"2026-01-31", 2025, "2025学年第一学期"},
		{"2026-02-01", 2025, "2025学年第二学期"},
		{"2026-07-14", 2025, "2025学年第二学期"},
		{"2026-07-15", 2025, "2026学年第一学期"},
		{"2026-08-31", 2025, "2026学年第一学期"},
		{"2028-02-29", 2027, "2027学年第二学期"},
	}
	for _, c := range cases {
		d := day(c.date)
		if y := SchoolYearOf(d); y != c.year {
			t.Errorf("SchoolYearOf(%s) = %d, want %d", c.date, y, c.year)
		}
		if got := TermOf(d).String(); got != c.term {
			t.Errorf("TermOf(%s) = %s, want %s", c.date, got, c.term)
		}
	}
}

func TestBoundsAgreeWithTermOf(t *testing.T) {
	for _, term := range []Term{{2025, First}, {2025, Second}} {
		start, end := DefaultCalendar.Bounds(term, time.UTC)
		if TermOf(start) != term || TermOf(end.AddDate(0, 0, -1)) != term || TermOf(end) != term.Next() || TermOf(start.AddDate(0, 0, -1)) != term.Prev() {
			t.Errorf("%s bounds %s..%s disagree with TermOf", term, start.Format(time.DateOnly), end.Format(time.DateOnly))
		}
	}
}

func TestRegionalCalendar(t *testing.T) {
	cal := Calendar{YearStart: MonthDay{time.August, 25}, SecondTermStart: MonthDay{time.February, 15}, SummerStart: MonthDay{time.July, 5}}
	if err := cal.Validate(); err != nil {
		t.Fatal(err)
	}
	if y := cal.SchoolYearOf(day("2025-08-26")); y != 2025 {
		t.Errorf("SchoolYearOf = %d", y)
	}
	if got := cal.TermOf(day("2026-02-10")).String(); got != "2025学年第一学期" {
		t.Errorf("TermOf(2026-02-10) = %s", got)
	}
	bad := Calendar{YearStart: MonthDay{time.September, 1}, SecondTermStart: MonthDay{time.August, 1}, SummerStart: MonthDay{time.July, 1}}
	if app.ErrorCode(bad.Validate()) != app.EINVALID {
		t.Error("out-of-order calendar accepted")
	}
	if app.ErrorCode(Calendar{YearStart: MonthDay{time.February, 30}}.Validate()) != app.EINVALID {
		t.Error("2月30日 accepted")
	}
}

func TestParseTerm(t *testing.T) {
	ok := map[string]Term{
		"2025学年第一学期":      {2025, First},
		"2025-2026学年第二学期": {2025, Second},
		"２０２５学年第１学期":      {2025, First},
		" 2025 学年 下学期 ":   {2025, Second},
		"2025学年度第二学期":     {2025, Second},
	}
	for in, want := range ok {
		if got, err := ParseTerm(in); err != nil || got != want {
			t.Errorf("ParseTerm(%q) = %v, %v", in, got, err)
		}
		if got, _ := ParseTerm(want.String()); got != want {
			t.Errorf("%v does not round-trip", want)
		}
	}
	for _, in := range []string{"", "2025学年", "2025-2027学年第一学期", "2025学年第三学期", "25学年第一学期"} {
		if _, err := ParseTerm(in); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("ParseTerm(%q) err = %v", in, err)
		}
	}
}
