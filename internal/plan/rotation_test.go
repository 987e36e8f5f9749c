package plan

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

type rotationObjective struct {
	filled, covered int
	spread, pref    int64
}

func (a rotationObjective) better(b rotationObjective) bool {
	if a.filled != b.filled {
		return a.filled > b.filled
	}
	if a.covered != b.covered {
		return a.covered > b.covered
	}
	if a.spread != b.spread {
		return a.spread < b.spread
	}
	return a.pref < b.pref
}

func refPreference(p *RotationProblem, r RotationResearcher, s RotationSchool) int64 {
	var c int64
	if r.Stage != "" && s.Stage != "" && r.Stage != s.Stage {
		c += p.Weights.stage()
	}
	if r.County != "" && s.County != "" && r.County != s.County {
		c += p.Weights.county()
	}
	return c
}

func rotationScore(p *RotationProblem, sets [][]int) rotationObjective {
	var o rotationObjective
	visits := make([]int64, len(p.Schools))
	for r, set := range sets {
		o.filled += len(set)
		for _, s := range set {
			visits[s]++
			o.pref += refPreference(p, p.Researchers[r], p.Schools[s])
		}
	}
	for _, v := range visits {
		if v > 0 {
			o.covered++
		}
		o.spread += v * (v - 1) / 2
	}
	return o
}

// checkRotation verifies the table against every rule and returns its score.
func checkRotation(t *testing.T, p *RotationProblem, plan *RotationPlan) rotationObjective {
	t.Helper()
	index := map[string]int{}
	for s, sc := range p.Schools {
		index[sc.ID] = s
	}
	perTerm := map[[2]int]int{}
	sets := make([][]int, len(p.Researchers))
	for r, row := range plan.Table {
		if row.Researcher != p.Researchers[r].ID || len(row.Schools) != p.terms() {
			t.Fatalf("row %d is %+v", r, row)
		}
		for term, id := range row.Schools {
			if id == "" {
				continue
			}
			s := index[id]
			if slices.Contains(sets[r], s) || slices.Contains(p.Researchers[r].Visited, id) {
				t.Fatalf("researcher %s goes to %s twice", row.Researcher, id)
			}
			sets[r] = append(sets[r], s)
			perTerm[[2]int{s, term}]++
		}
	}
	o := rotationScore(p, sets)
	for s := range p.Schools {
		visits := 0
		for term := range p.terms() {
			visits += perTerm[[2]int{s, term}]
		}
		for term := range p.terms() {
			if visits <= p.terms() && perTerm[[2]int{s, term}] > 1 {
				t.Fatalf("school %s has %d visitors in all but two in term %d", p.Schools[s].ID, visits, term+1)
			}
		}
	}
	if len(plan.Uncovered) != len(p.Schools)-o.covered {
		t.Fatalf("%d uncovered listed, %d schools uncovered", len(plan.Uncovered), len(p.Schools)-o.covered)
	}
	return o
}

// bruteRotation tries every combination of school sets (any size up to T).
func bruteRotation(p *RotationProblem) rotationObjective {
	var options [][][]int
	for _, r := range p.Researchers {
		var mine [][]int
		for mask := range 1 << len(p.Schools) {
			var set []int
			for s, sc := range p.Schools {
				if mask&(1<<s) != 0 && !slices.Contains(r.Visited, sc.ID) {
					set = append(set, s)
				}
			}
			if len(set) <= p.terms() && len(set) == popcount(mask) {
				mine = append(mine, set)
			}
		}
		options = append(options, mine)
	}
	best := rotationObjective{filled: -1}
	sets := make([][]int, len(p.Researchers))
	var walk func(r int)
	walk = func(r int) {
		if r == len(sets) {
			if o := rotationScore(p, sets); o.better(best) {
				best = o
			}
			return
		}
		for _, set := range options[r] {
			sets[r] = set
			walk(r + 1)
		}
	}
	walk(0)
	return best
}

func popcount(m int) int {
	n := 0
	for ; m > 0; m &= m - 1 {
		n++
	}
	return n
}

func randomRotation(rng *rand.Rand, nR, nS, T int) *RotationProblem {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	p := &RotationProblem{Terms: T}
	for s := range nS {
		p.Schools = append(p.Schools, RotationSchool{ID: fmt.Sprintf("S%d", s), Stage: pick("primary", "junior", ""), County: pick("X", "Y")})
	}
	for r := range nR {
		res := RotationResearcher{ID: fmt.Sprintf("R%d", r), Stage: pick("primary", "junior"), County: pick("X", "Y", "")}
		if rng.IntN(3) == 0 {
			res.Visited = []string{fmt.Sprintf("S%d", rng.IntN(nS))}
		}
		p.Researchers = append(p.Researchers, res)
	}
	if rng.IntN(2) == 0 {
		w := rng.IntN(20)
		p.Weights.OtherCounty = &w
	}
	return p
}

func TestRotationMatchesBruteForce(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 5))
		p := randomRotation(rng, 1+rng.IntN(3), 1+rng.IntN(5), 1+rng.IntN(3))
		plan, err := SolveRotation(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got, want := checkRotation(t, p, plan), bruteRotation(p); got != want {
			t.Fatalf("seed %d: solver %+v, brute force %+v", seed, got, want)
		}
	}
}

func TestRotationTableSpreadsSchoolsOverTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	p := randomRotation(rng, 40, 90, 4)
	plan, err := SolveRotation(p)
	if err != nil {
		t.Fatal(err)
	}
	checkRotation(t, p, plan)
	if !plan.Feasible || plan.MinVisits != 1 || plan.MaxVisits != 2 {
		t.Fatalf("40 researchers x 4 terms over 90 schools: feasible %v, visits %d..%d; want every school 1-2 times",
			plan.Feasible, plan.MinVisits, plan.MaxVisits)
	}
}

func TestRotationShortageGivesNumbersAndSmallestFix(t *testing.T) {
	p := randomRotation(rand.New(rand.NewPCG(2, 2)), 3, 14, 4)
	for i := range p.Researchers {
		p.Researchers[i].Visited = nil
	}
	plan, err := SolveRotation(p)
	if err != nil {
		t.Fatal(err)
	}
	want := "教研员3人×4个学期=12个蹲点名额，学校14所，名额比学校少2个，4个学期内无法每校都轮到。最小的调整：增加1名教研员（共4名），或把轮换期延长到5个学期。"
	if plan.Shortage != want {
		t.Fatalf("shortage:\n got %s\nwant %s", plan.Shortage, want)
	}
	if len(plan.Uncovered) != 2 || !strings.Contains(plan.Uncovered[0].Reason, "蹲点名额不足") || plan.Feasible {
		t.Fatalf("uncovered %+v, feasible %v", plan.Uncovered, plan.Feasible)
	}
}

func TestRotationFewerSchoolsThanTermsLeavesExplainedVacancies(t *testing.T) {
	p := &RotationProblem{Terms: 4, Researchers: []RotationResearcher{{ID: "R1", Visited: []string{"S1"}}},
		Schools: []RotationSchool{{ID: "S1"}, {ID: "S2"}, {ID: "S3"}}}
	plan, err := SolveRotation(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Vacant) != 2 || !strings.Contains(plan.Vacant[0].Reason, "可去的学校只有2所") {
		t.Fatalf("vacant %+v", plan.Vacant)
	}
	if len(plan.Uncovered) != 1 || plan.Uncovered[0].School != "S1" || !strings.Contains(plan.Uncovered[0].Reason, "都已在这所学校蹲点过") {
		t.Fatalf("uncovered %+v", plan.Uncovered)
	}
}
