package dict

import (
	"fmt"
	"regexp"
	"strconv"

	"golang.org/x/text/width"

	"jiaoyan/internal/app"
)

// Half says which 学期 of a 学年 a term is.
type Half int

// The two halves of a 学年.
const (
	First  Half = 1 // 第一学期 (autumn, ~Sept-Jan)
	Second Half = 2 // 第二学期 (spring, ~Feb-Jul)
)

// Term is one 学期: the 学年 it belongs to (the year the 学年 began) and its
// half. The zero Term is invalid.
type Term struct {
	Year int
	Half Half
}

// String formats the term as "2025学年第一学期".
func (t Term) String() string {
	half := "第一学期"
	if t.Half == Second {
		half = "第二学期"
	}
	return fmt.Sprintf("%d学年%s", t.Year, half)
}

// Next returns the term after t.
func (t Term) Next() Term {
	if t.Half == First {
		return Term{t.Year, Second}
	}
	return Term{t.Year + 1, First}
}

// Prev returns the term before t.
func (t Term) Prev() Term {
	if t.Half == Second {
		return Term{t.Year, First}
	}
	return Term{t.Year - 1, Second}
}

// Before reports whether t comes before u.
func (t Term) Before(u Term) bool {
	return t.Year < u.Year || t.Year == u.Year && t.Half < u.Half
}

var termRE = regexp.MustCompile(`^(\d{4})(?:[-—~至](\d{4}))?\s*学年(?:度)?\s*第?\s*([一二12上下])\s*学期$`)

// ParseTerm reads "2025学年第一学期", and also "2025-2026学年第二学期",
// "2025学年第1学期", "2025学年上学期" (full-width digits accepted). It returns
// EINVALID for anything else, or when the two years are not consecutive.
func ParseTerm(s string) (Term, error) {
	m := termRE.FindStringSubmatch(width.Fold.String(stripSpaces(s)))
	bad := app.Invalid("term", "学期格式应为“2025学年第一学期”")
	if m == nil {
		return Term{}, bad
	}
	y, _ := strconv.Atoi(m[1])
	if m[2] != "" {
		if y2, _ := strconv.Atoi(m[2]); y2 != y+1 {
			return Term{}, bad
		}
	}
	t := Term{Year: y, Half: First}
	if m[3] == "二" || m[3] == "2" || m[3] == "下" {
		t.Half = Second
	}
	return t, nil
}

func stripSpaces(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r != ' ' && r != '\u3000' && r != '\t' && r != '\u00a0' {
			out = append(out, r)
		}
	}
	return string(out)
}
