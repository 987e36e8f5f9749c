package plan

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

type liaisonObjective struct {
	filled, minUnits int
	cost             int64
}

func (a liaisonObjective) better(b liaisonObjective) bool {
	if a.filled != b.filled {
		return a.filled > b.filled
	}
	if a.minUnits != b.minUnits {
		return a.minUnits > b.minUnits
	}
	return a.cost < b.cost
}

// refLiaisonCost restates the cost rule; ok is false for a forbidden pair.
func refLiaisonCost(p *LiaisonProblem, r LiaisonResearcher, s TargetSchool) (int64, bool) {
	var c int64
	if r.Stage != "" && s.Stage != "" && r.Stage != s.Stage {
		if p.RequireStage {
			return 0, false
		}
		c += 100
	}
	if r.Lat != nil && s.Lat != nil {
		c += distanceKm(*r.Lat, *r.Lon, *s.Lat, *s.Lon)
	} else if r.County != "" && r.County == s.County {
		c += 10
	} else {
		c += 30
	}
	return c, true
}

func liaisonScore(p *LiaisonProblem, sets [][]int) (liaisonObjective, bool) {
	var o liaisonObjective
	got := make([]int, len(p.Schools))
	for r, set := range sets {
		o.minUnits += min(len(set), p.minSchools())
		for _, s := range set {
			c, ok := refLiaisonCost(p, p.Researchers[r], p.Schools[s])
			if !ok {
				return o, false
			}
			got[s]++
			o.cost += c
		}
	}
	for s, g := range got {
		if g > p.Schools[s].team() {
			return o, false
		}
		o.filled += g
	}
	return o, true
}

func bruteLiaison(p *LiaisonProblem) liaisonObjective {
	best := liaisonObjective{filled: -1}
	sets := make([][]int, len(p.Researchers))
	var walk func(r int)
	walk = func(r int) {
		if r == len(sets) {
			if o, ok := liaisonScore(p, sets); ok && o.better(best) {
				best = o
			}
			return
		}
		for mask := range 1 << len(p.Schools) {
			if popcount(mask) > p.capacity(r) {
				continue
			}
			sets[r] = sets[r][:0]
			for s := range p.Schools {
				if mask&(1<<s) != 0 {
					sets[r] = append(sets[r], s)
				}
			}
			walk(r + 1)
		}
	}
	walk(0)
	return best
}

func checkLiaison(t *testing.T, p *LiaisonProblem, plan *LiaisonPlan) liaisonObjective {
	t.Helper()
	rIndex, sIndex := map[string]int{}, map[string]int{}
	for r, res := range p.Researchers {
		rIndex[res.ID] = r
	}
	for s, sc := range p.Schools {
		sIndex[sc.ID] = s
	}
	sets := make([][]int, len(p.Researchers))
	for _, l := range plan.Links {
		r := rIndex[l.Researcher]
		sets[r] = append(sets[r], sIndex[l.School])
	}
	for r, set := range sets {
		if len(set) > p.capacity(r) {
			t.Fatalf("researcher %s has %d schools, capacity %d", p.Researchers[r].ID, len(set), p.capacity(r))
		}
	}
	o, ok := liaisonScore(p, sets)
	if !ok {
		t.Fatalf("plan breaks a rule: %+v", plan.Links)
	}
	if o.cost != plan.TotalCost {
		t.Fatalf("total_cost %d, links add up to %d", plan.TotalCost, o.cost)
	}
	return o
}

func randomLiaison(rng *rand.Rand, nR, nS int) *LiaisonProblem {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	p := &LiaisonProblem{MaxSchools: 1 + rng.IntN(3), RequireStage: rng.IntN(2) == 0}
	if rng.IntN(3) == 0 {
		m := rng.IntN(2)
		p.MinSchools = &m
	}
	coord := func() (*float64, *float64) {
		if rng.IntN(2) == 0 {
			return nil, nil
		}
		lat, lon := 27.9+rng.Float64()/2, 120.5+rng.Float64()/2
		return &lat, &lon
	}
	for r := range nR {
		res := LiaisonResearcher{ID: fmt.Sprintf("R%d", r), Stage: pick("primary", "junior"), County: pick("X", "Y"), Capacity: rng.IntN(p.MaxSchools + 1)}
		res.Lat, res.Lon = coord()
		p.Researchers = append(p.Researchers, res)
	}
	for s := range nS {
		sc := TargetSchool{ID: fmt.Sprintf("S%d", s), Kind: pick("rural", "weak", "teaching_point"), Stage: pick("primary", "junior", ""), County: pick("X", "Y"), TeamSize: rng.IntN(3)}
		sc.Lat, sc.Lon = coord()
		p.Schools = append(p.Schools, sc)
	}
	return p
}

func TestLiaisonMatchesBruteForce(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 6))
		p := randomLiaison(rng, 1+rng.IntN(3), 1+rng.IntN(4))
		plan, err := SolveLiaison(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got, want := checkLiaison(t, p, plan), bruteLiaison(p); got != want {
			t.Fatalf("seed %d: solver %+v, brute force %+v", seed, got, want)
		}
	}
}

func TestLiaisonPrefersNearbyAndExplainsGaps(t *testing.T) {
	lat := func(v float64) *float64 { return &v }
	p := &LiaisonProblem{MaxSchools: 4, RequireStage: true,
		Researchers: []LiaisonResearcher{
			{ID: "R北", Stage: "primary", Capacity: 1, Lat: lat(28.5), Lon: lat(120.6)},
			{ID: "R南", Stage: "primary", Capacity: 1, Lat: lat(27.5), Lon: lat(120.6)},
		},
		Schools: []TargetSchool{
			{ID: "S南", Kind: "rural", Stage: "primary", Lat: lat(27.51), Lon: lat(120.6)},
			{ID: "S北", Kind: "weak", Stage: "primary", Lat: lat(28.49), Lon: lat(120.6)},
			{ID: "S中学", Kind: "teaching_point", Stage: "junior"},
			{ID: "S第三", Kind: "rural", Stage: "primary"},
		}}
	plan, err := SolveLiaison(p)
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{}
	for _, l := range plan.Links {
		links[l.Researcher] = l.School
	}
	if links["R北"] != "S北" || links["R南"] != "S南" {
		t.Fatalf("links %v; each researcher should take the school 1 km away", links)
	}
	reasons := map[string]string{}
	for _, g := range plan.Uncovered {
		reasons[g.School] = g.Reason
	}
	if !strings.Contains(reasons["S中学"], "没有同学段的教研员") || !strings.Contains(reasons["S第三"], "名额都已用完") {
		t.Fatalf("uncovered reasons %v", reasons)
	}
}
