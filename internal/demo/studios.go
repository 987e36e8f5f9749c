package demo

import (
	"math"

	"jiaoyan/internal/org"
)

// studioPlan is a 名师工作室 to create, with its members.
type studioPlan struct {
	s       org.Studio
	members []*person
}

// cityStudios plans the city-level and county-level studios of c: hosts are
// 名师 and 学科带头人, members teachers of the same subject and stage nearby.
func (g *gen) cityStudios(c *city) []studioPlan {
	var all []*person
	for _, k := range c.counties {
		for _, s := range k.schools {
			all = append(all, s.teachers...)
		}
	}
	used := map[*person]bool{}
	out := g.studios(all, c.name, "city", g.p.studiosCity, used)
	total := 0
	for _, k := range c.counties {
		total += len(k.schools)
	}
	for _, k := range c.counties {
		var local []*person
		for _, s := range k.schools {
			local = append(local, s.teachers...)
		}
		n := int(math.Round(float64(g.p.studiosCounty) * float64(len(k.schools)) / float64(total)))
		out = append(out, g.studios(local, k.prefix, "county", n, used)...)
	}
	return out
}

func (g *gen) studios(pool []*person, place, level string, n int, used map[*person]bool) []studioPlan {
	var hosts []*person
	for _, x := range pool {
		if (x.p.Tier == "master" || x.p.Tier == "leader") && !used[x] && x.school.kind != kPoint {
			hosts = append(hosts, x)
		}
	}
	g.r.Shuffle(len(hosts), func(i, j int) { hosts[i], hosts[j] = hosts[j], hosts[i] })
	var out []studioPlan
	for _, h := range hosts[:min(n, len(hosts))] {
		used[h] = true
		st := org.Studio{Name: place + h.p.Name + org.StageNames[h.stage()] + h.subject() + "名师工作室", Level: level,
			OrgID: h.school.id, HostID: h.id, Subject: h.subject(), Stage: h.stage(), FoundedYear: between(g.r, 2015, baseYear-1)}
		out = append(out, studioPlan{s: st, members: g.studioMembers(pool, h)})
	}
	return out
}

// studioMembers draws 6-10 teachers of the host's subject and stage.
func (g *gen) studioMembers(pool []*person, h *person) []*person {
	var cand []*person
	for _, x := range pool {
		if x != h && x.subject() == h.subject() && x.stage() == h.stage() && x.p.Tier != "new" {
			cand = append(cand, x)
		}
	}
	g.r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	return cand[:min(between(g.r, 6, 10), len(cand))]
}
