package demo

import (
	"context"
	"math"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/policy"
)

// Pace is how a researcher keeps the on-site rule in a term: about 60% have
// met it, 25% are a few days short and 15% far behind.
type pace int

const (
	onPace pace = iota
	fewShort
	farBehind
)

func drawPace(r *rand.Rand) pace {
	switch f := r.Float64(); {
	case f < 0.6:
		return onPace
	case f < 0.85:
		return fewShort
	}
	return farBehind
}

// window is the part of a 学期 visits may fall in: its days up to today.
type window struct {
	term     dict.Term
	from, to time.Time
}

// termWindows are the 学期 of years year-1 and year that have begun by
// today, each cut at today so that nothing in the future is recorded.
func termWindows(region string, year int, today time.Time) []window {
	var out []window
	end := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for _, y := range []int{year - 1, year} {
		c := calendarOf(region, y)
		for h, span := range [][2]string{{c.Term1Start, c.Term1End}, {c.Term2Start, c.Term2End}} {
			from, _ := time.Parse("2006-01-02", span[0])
			to, _ := time.Parse("2006-01-02", span[1])
			if to.After(end) {
				to = end
			}
			if !to.Before(from) {
				out = append(out, window{dict.Term{Year: y, Half: dict.Half(h + 1)}, from, to})
			}
		}
	}
	return out
}

// weeks are the window's school weeks, each its weekdays in order.
func (w window) weeks() [][]time.Time {
	var out [][]time.Time
	for d := w.from; !d.After(w.to); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		if len(out) == 0 || d.Weekday() == time.Monday {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], d)
	}
	return out
}

// chunk is one planned visit before it gets a date.
type chunk struct {
	school  int64
	purpose string
	days    int
	link    int64
	station int64
	phase   string
	week    int // preferred week index, -1 for any
}

// scheduler hands out dates for a researcher's visits in one window, at
// most one visit a week.
type scheduler struct {
	r     *rand.Rand
	weeks [][]time.Time
	used  []bool
}

func newScheduler(r *rand.Rand, w window) *scheduler {
	wk := w.weeks()
	return &scheduler{r: r, weeks: wk, used: make([]bool, len(wk))}
}

// place dates c in a free week (the preferred one when free) with enough
// weekdays; ok false when none is left.
func (s *scheduler) place(c chunk) (start, end time.Time, ok bool) {
	order := s.r.Perm(len(s.weeks))
	if c.week >= 0 && c.week < len(s.weeks) {
		order = append([]int{c.week}, order...)
	}
	for _, i := range order {
		if wk := s.weeks[i]; !s.used[i] && len(wk) >= c.days {
			s.used[i] = true
			at := s.r.IntN(len(wk) - c.days + 1)
			return wk[at], wk[at+c.days-1], true
		}
	}
	return start, end, false
}

// termPlan is what one researcher does in one window.
type termPlan struct {
	researcher int64
	pace       pace
	rule       int // on-site days the region asks per term
	linkDays   int // on-site days the region asks at each linked school
	chunks     []chunk
}

// fill trims or tops up the plan to the pace: on pace reaches the rule and a
// little more, a few short stop 1 to 5 days under it, far behind at a third.
func (p *termPlan) fill(r *rand.Rand, others []int64) {
	var want int
	switch p.pace {
	case onPace:
		want = p.rule + r.IntN(7)
	case fewShort:
		want = p.rule - 1 - r.IntN(5)
	default:
		want = max(1, p.rule/3-r.IntN(4))
	}
	total := 0
	for i, c := range p.chunks {
		if total+c.days > want {
			c.days = want - total
			p.chunks = p.chunks[:i]
			if c.days > 0 {
				p.chunks = append(p.chunks, c)
			}
			total = want
			break
		}
		total += c.days
	}
	for total < want && len(others) > 0 {
		n := min(want-total, 1+r.IntN(3))
		purpose := []string{liaison.PurposeInspection, liaison.PurposeService, liaison.PurposeOther}[r.IntN(3)]
		p.chunks = append(p.chunks, chunk{school: others[r.IntN(len(others))], purpose: purpose, days: n, week: -1})
		total += n
	}
}

// visits dates the plan's chunks in w and turns them into visits.
func (p *termPlan) visits(r *rand.Rand, w window) []liaison.Visit {
	s := newScheduler(r, w)
	var out []liaison.Visit
	demoDone := p.pace == farBehind && r.Float64() < 0.7
	for _, c := range p.chunks {
		start, end, ok := s.place(c)
		if !ok {
			continue
		}
		days := int(end.Sub(start).Hours()/24) + 1
		lessons := c.days * (2 + r.IntN(3))
		if p.pace == farBehind {
			lessons = c.days * (1 + r.IntN(2))
		}
		v := liaison.Visit{ResearcherID: p.researcher, SchoolID: c.school, Purpose: c.purpose, StartDate: start.Format("2006-01-02"),
			EndDate: end.Format("2006-01-02"), Days: min(c.days, days), LessonsObserved: lessons, Meetings: r.IntN(3),
			LinkID: c.link, StationID: c.station, StationPhase: c.phase}
		if !demoDone && c.purpose != liaison.PurposeStation {
			v.DemoLessons, demoDone = 1, true
		}
		out = append(out, v)
	}
	return out
}

// ruleAt is a rule of a region in a 学年, the key of g.rules.
type ruleAt struct {
	region string
	key    policy.RuleKey
	year   int
}

// ruleDays reads an on-site rule of the region, def when none is set. The
// rules are set before the visits are written, so each is read once per
// region and 学年 and kept in g.rules.
func (g *gen) ruleDays(ctx context.Context, ls *liaison.Service, region string, key policy.RuleKey, year int, def float64) int {
	at := ruleAt{region, key, year}
	if n, ok := g.rules[at]; ok {
		return n
	}
	n := int(def)
	if ls.Policy != nil {
		if v, ok, err := ls.Policy.ValueFor(ctx, region, key, year); err == nil && ok {
			n = int(math.Ceil(v))
		}
	}
	if g.rules == nil {
		g.rules = map[ruleAt]int{}
	}
	g.rules[at] = n
	return n
}
