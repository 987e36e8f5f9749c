package demo

import (
	"math"
	"math/rand/v2"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
)

// gen is the generated region, built in memory first so that it depends only
// on the seed; the write step then imports it through the org services.
type gen struct {
	r        *rand.Rand
	seed     int64
	p        preset
	province string // name of the root province, "" for a city
	cities   []*city
	counties []*county
	offices  []office
	schools  []*school
	people   []*person
	ids      map[string]bool
	names    *namer
	cur      *county        // the county being populated, for birthplaces and honours
	rules    map[ruleAt]int // on-site rules read while writing visits (ruleDays)
}

// plan generates the whole region for size and seed, without touching a database.
func plan(size Size, seed int64) *gen {
	g := &gen{r: newRand(seed), seed: seed, p: presetOf(size), ids: map[string]bool{}, names: newNamer()}
	g.cities = buildCities(g.r, g.p)
	for _, c := range g.cities {
		g.counties = append(g.counties, c.counties...)
	}
	g.makeOffices()
	counts := schoolCounts(g.r, g.counties, g.p.schools)
	for i, c := range g.counties {
		g.cur = c
		g.makeSchools(c, counts[i])
	}
	g.cur = nil
	g.makeUpperStaff()
	for _, c := range g.cities {
		g.populateCity(c)
	}
	return g
}

// makeOffices adds a bureau and a research office at every level.
func (g *gen) makeOffices() {
	if g.p.province != "" {
		e, _ := dict.ByCode(dict.TableRegion, g.p.province)
		g.province = e.Name
		g.offices = append(g.offices, office{name: e.Name + "教育厅", region: e.Code, kind: org.KindBureau},
			office{name: e.Name + "教育厅教研室", region: e.Code, kind: org.KindResearchOffice})
	}
	for _, c := range g.cities {
		g.offices = append(g.offices, office{name: c.name + "教育局", region: c.code, kind: org.KindBureau, city: c},
			office{name: c.name + "教育教学研究院", region: c.code, kind: org.KindResearchOffice, city: c})
		for _, k := range c.counties {
			g.offices = append(g.offices,
				office{name: k.prefix + "教育局", region: k.code, kind: org.KindBureau, county: k, city: c},
				office{name: k.prefix + "教师发展中心", region: k.code, kind: org.KindResearchOffice, county: k, city: c})
		}
	}
}

// makeUpperStaff adds the province's and cities' bureau staff and
// full-time researchers.
func (g *gen) makeUpperStaff() {
	for _, o := range g.offices {
		switch {
		case o.county != nil:
		case o.kind == org.KindBureau:
			g.makeOffice(o, 4)
		default:
			g.makeOffice(o, g.p.cityOffice)
		}
	}
}

// populateCity adds each county's staff, researchers and teachers, then the
// part-time researchers of the county and city offices.
func (g *gen) populateCity(c *city) {
	avg := float64(g.p.schools) / float64(len(g.counties))
	var cityTeachers []*person
	for _, k := range c.counties {
		g.cur = k
		g.makeOffice(office{name: k.prefix + "教育局", region: k.code, kind: org.KindBureau, county: k}, 3)
		ft := g.countyResearchers(k, avg)
		g.makeOffice(office{name: k.prefix + "教师发展中心", region: k.code, kind: org.KindResearchOffice, county: k}, ft)
		var teachers []*person
		for _, s := range k.schools {
			g.makeTeachers(s)
			teachers = append(teachers, s.teachers...)
		}
		ratio := 0.6 + 0.7*g.r.Float64() // some counties meet 兼职:专职 >= 1:1, some do not
		g.makePartTime(teachers, k.prefix+"教师发展中心", int(math.Round(float64(ft)*ratio)))
		cityTeachers = append(cityTeachers, teachers...)
	}
	g.cur = nil
	g.makePartTime(cityTeachers, c.name+"教育教学研究院", g.p.cityOffice/3)
}

// orgBatches are the organisations to import, one batch per city (the
// province's own offices go with the first).
func (g *gen) orgBatches() [][]org.OrgRow {
	var out [][]org.OrgRow
	var rows []org.OrgRow
	for _, o := range g.offices {
		if o.city == nil {
			rows = append(rows, o.orgRow(len(rows)+1))
		}
	}
	for _, c := range g.cities {
		for _, o := range g.offices {
			if o.city == c {
				rows = append(rows, o.orgRow(len(rows)+1))
			}
		}
		for _, k := range c.counties {
			for _, s := range k.schools {
				rows = append(rows, s.orgRow(len(rows)+1))
			}
		}
		out, rows = append(out, rows), nil
	}
	return out
}

// personBatches cuts the people into import batches: the upper levels' staff,
// then one batch per county.
func (g *gen) personBatches() [][]*person {
	var out [][]*person
	for i, x := range g.people {
		if i == 0 || x.county != g.people[i-1].county {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], x)
	}
	return out
}

func personRows(batch []*person) []org.PersonRow {
	rows := make([]org.PersonRow, len(batch))
	for i, x := range batch {
		rows[i] = org.PersonRow{Row: i + 1, Org: x.orgKey, Office: x.office, Person: x.p}
	}
	return rows
}
