package training

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"jiaoyan/internal/credit"
)

// Cycle is a 学分周期: the 学年 From..To.
type Cycle struct{ From, To int }

// Years is the number of 学年 in the cycle.
func (c Cycle) Years() int { return c.To - c.From + 1 }

// String reads "2022—2026 学年".
func (c Cycle) String() string { return strconv.Itoa(c.From) + "—" + strconv.Itoa(c.To) + " 学年" }

// cycleOf is the cycle of length years starting in start (and every
// length years before or after it) that holds year.
func cycleOf(start, length, year int) Cycle {
	k := int(math.Floor(float64(year-start) / float64(length)))
	from := start + k*length
	return Cycle{From: from, To: from + length - 1}
}

// Rules are the region's rules a standing is measured against, as in force
// in the asked 学年; a zero value is a rule the region has not set.
type Rules struct {
	CycleYears, CycleStart int
	PerCycle, PerYear      float64
	Caps                   map[string]credit.Rule // category -> rule with CapPerCycle > 0
	Missing                []string               // names of the rules not set, for the page
}

// Capped lists the categories with a cap, in code order.
func (r Rules) Capped() []string {
	var out []string
	for c := range r.Caps {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// CapLine is one capped category in a standing.
type CapLine struct {
	Category, Name string
	Credits, Cap   float64
	AtCap          bool
}

// Standing is a person's credits against the rules (学分达标情况) in a
// 学年: the cycle's counted 学分 (capped categories counted up to their
// cap), the year's, and each capped category.
type Standing struct {
	PersonID    int64
	Name        string
	OrgName     string
	Year        int
	Cycle       Cycle // zero when the region has set no cycle
	Counted     float64
	Raw         float64
	PerCycle    float64
	YearCredits float64
	PerYear     float64
	Caps        []CapLine
	BelowYear   bool    // the year's 学分 are under the yearly minimum
	CycleGap    float64 // 学分 still missing in the cycle
	Text        string  // filled for one person's standing; a scope's people have Words
	rules       *Rules
}

// Words is the standing's text (Text), worded when first asked: a scope's
// standing words only the rows a page or an export shows.
func (s Standing) Words() string {
	if s.Text == "" && s.rules != nil {
		return standingText(s, *s.rules)
	}
	return s.Text
}

// measure computes a standing from the cycle's raw total, the year's total
// and the cycle totals of the capped categories, under rules, with its text.
func measure(s Standing, capped map[string]float64, names map[string]string, r Rules) Standing {
	s = measureOnly(s, capped, names, &r)
	s.Text = standingText(s, r)
	return s
}

// measureOnly is measure leaving the text to Words.
func measureOnly(s Standing, capped map[string]float64, names map[string]string, r *Rules) Standing {
	s.Counted, s.rules = s.Raw, r
	for _, c := range r.Capped() {
		cap := r.Caps[c].CapPerCycle
		got := capped[c]
		line := CapLine{Category: c, Name: names[c], Credits: math.Min(got, cap), Cap: cap, AtCap: got >= cap}
		s.Counted -= math.Max(0, got-cap)
		s.Caps = append(s.Caps, line)
	}
	s.Counted = round2(s.Counted)
	s.PerCycle, s.PerYear = r.PerCycle, r.PerYear
	s.BelowYear = r.PerYear > 0 && s.YearCredits < r.PerYear
	if r.PerCycle > 0 {
		s.CycleGap = round2(math.Max(0, r.PerCycle-s.Counted))
	}
	return s
}

// standingText words a standing as policy's check words a rule:
// "本周期已认定 212/360；本学年 31，达到每年 24 的要求；校本研修 96，已到上限".
func standingText(s Standing, r Rules) string {
	var parts []string
	if r.PerCycle > 0 && r.CycleYears > 0 {
		parts = append(parts, "本周期已认定 "+num(s.Counted)+"/"+num(r.PerCycle))
	} else {
		parts = append(parts, "本周期已认定 "+num(s.Counted))
	}
	year := "本学年 " + num(s.YearCredits)
	switch {
	case r.PerYear <= 0:
	case s.BelowYear:
		year += "，未达到每年 " + num(r.PerYear) + " 的要求，差 " + num(round2(r.PerYear-s.YearCredits))
	default:
		year += "，达到每年 " + num(r.PerYear) + " 的要求"
	}
	parts = append(parts, year)
	for _, c := range s.Caps {
		if c.AtCap {
			parts = append(parts, c.Name+" "+num(c.Cap)+"，已到上限")
		} else {
			parts = append(parts, c.Name+" "+num(c.Credits)+"，上限 "+num(c.Cap))
		}
	}
	for _, m := range r.Missing {
		parts = append(parts, "本区域未设定规则："+m)
	}
	return strings.Join(parts, "；")
}

func num(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }
