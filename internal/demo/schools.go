package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"jiaoyan/internal/org"
)

// School kinds: the stage mix of a school. nine is 九年一贯制 (primary+junior);
// point is a 教学点 attached to a rural school.
const (
	kPrimary    = "primary"
	kJunior     = "junior"
	kNine       = "nine"
	kSenior     = "senior"
	kVocational = "vocational"
	kSpecial    = "special"
	kPoint      = "point"
)

// school is one generated school or teaching point.
type school struct {
	county   *county
	kind     string
	name     string
	code     string // 学校标识码
	stages   []string
	locale   string
	weak     bool
	parent   *school // a teaching point's school
	teachers []*person
	id       int64 // filled in after import
}

// kindShares is the stage mix of a county's schools (per mille); primary
// takes whatever is left.
var kindShares = []struct {
	kind  string
	share float64
}{{kSpecial, 0.01}, {kVocational, 0.03}, {kSenior, 0.08}, {kNine, 0.08}, {kJunior, 0.25}}

// schoolCounts spreads total schools over the counties: 县级市 are the
// biggest, 市辖区 the smallest, with some noise.
func schoolCounts(r *rand.Rand, counties []*county, total int) []int {
	w := make([]float64, len(counties))
	sum := 0.0
	for i, c := range counties {
		f := 1.0
		switch {
		case c.district():
			f = 0.75
		case strings.HasSuffix(c.name, "市"):
			f = 1.4
		}
		w[i] = f * (0.7 + 0.6*r.Float64())
		sum += w[i]
	}
	out := make([]int, len(counties))
	for i := range w {
		out[i] = max(8, int(math.Round(float64(total)*w[i]/sum)))
	}
	return out
}

// kindsFor allots the stage kinds of a county's n schools, shuffled.
func kindsFor(r *rand.Rand, n int) []string {
	var kinds []string
	for _, ks := range kindShares {
		k := int(math.Round(ks.share * float64(n)))
		if ks.kind == kSpecial && n >= 40 {
			k = max(k, 1)
		}
		if ks.kind == kVocational && n >= 20 {
			k = max(k, 1)
		}
		for range k {
			kinds = append(kinds, ks.kind)
		}
	}
	for len(kinds) < n {
		kinds = append(kinds, kPrimary)
	}
	r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	return kinds
}

// localeOf draws 城区/镇区/乡村 for a school: 高中, 中职 and 特教 sit in
// towns and cities; elsewhere the mix follows the county type, most rural
// in 山区县, and 九年一贯制 schools lean rural.
func localeOf(r *rand.Rand, c *county, kind string) string {
	if kind == kSenior || kind == kVocational || kind == kSpecial {
		return pick(r, []weighted[string]{{"urban", 65}, {"town", 35}})
	}
	u, t, ru := 20, 40, 40
	switch {
	case c.district():
		u, t, ru = 60, 28, 12
	case c.mountain:
		u, t, ru = 15, 30, 55
	}
	if kind == kNine {
		u, ru = u/2, ru+u/2
	}
	return pick(r, []weighted[string]{{"urban", u}, {"town", t}, {"rural", ru}})
}

// weakChance is the share of 薄弱学校: higher in the countryside and the mountains.
func weakChance(c *county, locale string) float64 {
	p := map[string]float64{"urban": 0.06, "town": 0.13, "rural": 0.22}[locale]
	if c.mountain {
		p += 0.06
	}
	return p
}

var kindStages = map[string][]string{
	kPrimary: {"primary"}, kJunior: {"junior"}, kNine: {"primary", "junior"}, kSenior: {"senior"},
	kVocational: {"vocational"}, kSpecial: {"special"}, kPoint: {"primary"},
}

// makeSchools generates a county's n schools and then its teaching points
// (about 8% of the schools, on rural primary and 九年一贯制 schools; more in
// 山区县).
func (g *gen) makeSchools(c *county, n int) {
	for _, kind := range kindsFor(g.r, n) {
		s := &school{county: c, kind: kind, stages: kindStages[kind], locale: localeOf(g.r, c, kind)}
		s.weak = chance(g.r, weakChance(c, s.locale))
		s.name = g.names.school(g.r, c, kind, s.locale)
		g.addSchool(s)
	}
	ensureWeak(c)
	var hosts []*school
	for _, s := range c.schools {
		if s.locale == "rural" && (s.kind == kPrimary || s.kind == kNine) {
			hosts = append(hosts, s)
		}
	}
	share := 0.08
	if c.mountain {
		share = 0.14
	}
	points := int(math.Round(share * float64(n)))
	for i := 0; i < points && len(hosts) > 0; i++ {
		h := hosts[g.r.IntN(len(hosts))]
		s := &school{county: c, kind: kPoint, stages: kindStages[kPoint], locale: "rural", parent: h, weak: chance(g.r, 0.5)}
		s.name = g.names.point(g.r, c)
		g.addSchool(s)
	}
}

// ensureWeak marks the county's last rural (else last) school 薄弱 when
// chance left the county without one, so every county has one to show.
func ensureWeak(c *county) {
	last := c.schools[len(c.schools)-1]
	for _, s := range c.schools {
		if s.weak {
			return
		}
		if s.locale == "rural" {
			last = s
		}
	}
	last.weak = true
}

// addSchool gives s the county's next 学校标识码: 2, the province code, the
// county's last four digits and a 3-digit sequence.
func (g *gen) addSchool(s *school) {
	c := s.county
	s.code = fmt.Sprintf("2%s%s%03d", c.code[:2], c.code[2:6], len(c.schools)+1)
	c.schools = append(c.schools, s)
	g.schools = append(g.schools, s)
}

// orgRow is the import row of s.
func (s *school) orgRow(row int) org.OrgRow {
	kind := org.KindSchool
	parent := ""
	if s.parent != nil {
		kind, parent = org.KindTeachingPoint, s.parent.code
	}
	return org.OrgRow{Row: row, Parent: parent, Org: org.Org{Name: s.name, Kind: kind, RegionCode: s.county.code,
		SchoolCode: s.code, Stages: s.stages, Locale: s.locale, Weak: s.weak}}
}
