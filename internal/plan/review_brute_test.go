package plan

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// objective is what a reviewer plan is judged by, in priority order.
type objective struct {
	pairs, seniors int
	value          int64 // total affinity minus load penalty
}

func (a objective) less(b objective) bool {
	if a.pairs != b.pairs {
		return a.pairs < b.pairs
	}
	if a.seniors != b.seniors {
		return a.seniors < b.seniors
	}
	return a.value < b.value
}

// refEligible re-states the eligibility rules from scratch (not through
// reviewIndex) and returns the affinity, or -1 when the pair is not allowed.
func refEligible(p *ReviewProblem, s Submission, e Expert) int {
	aff := -1
	if len(p.Affinities) > 0 {
		for _, a := range p.Affinities {
			if a.Submission == s.ID && a.Expert == e.ID {
				aff = a.Score
			}
		}
	} else if slices.Contains(e.Subjects, s.Subject) {
		aff = 2
	} else if len(e.Subjects) == 0 {
		aff = 1
	}
	if aff < 0 || slices.Contains(s.Authors, e.ID) || (s.School != "" && s.School == e.School) ||
		(p.Options.AvoidSameCounty && s.County != "" && s.County == e.County) {
		return -1
	}
	for _, c := range p.Conflicts {
		if c.Expert == e.ID && (c.Submission == s.ID || (c.Person != "" && slices.Contains(s.Authors, c.Person))) {
			return -1
		}
	}
	if len(p.Affinities) == 0 && s.Stage != "" && slices.Contains(e.Stages, s.Stage) {
		aff++
	}
	return aff
}

// checkPlan verifies every rule on the plan independently of the solver and
// returns its objective.
func checkPlan(t testing.TB, p *ReviewProblem, plan *ReviewPlan) objective {
	t.Helper()
	subs, exps := map[string]Submission{}, map[string]int{}
	for _, s := range p.Submissions {
		subs[s.ID] = s
	}
	for j, e := range p.Experts {
		exps[e.ID] = j
	}
	load := make([]int, len(p.Experts))
	per := map[string][]Expert{}
	var aff int64
	for _, a := range plan.Assignments {
		s, e := subs[a.Submission], p.Experts[exps[a.Expert]]
		want := refEligible(p, s, e)
		if want < 0 || want != a.Affinity {
			t.Fatalf("pair %s-%s is not allowed or has affinity %d, want %d", s.ID, e.ID, a.Affinity, want)
		}
		for _, o := range per[s.ID] {
			if o.ID == e.ID || (p.Options.DistinctCounties && e.County != "" && o.County == e.County) {
				t.Fatalf("submission %s: %s and %s break the distinct-county rule or repeat", s.ID, o.ID, e.ID)
			}
		}
		per[s.ID] = append(per[s.ID], e)
		load[exps[e.ID]]++
		aff += int64(a.Affinity)
	}
	if aff != plan.TotalAffinity {
		t.Fatalf("total_affinity %d, pairs add up to %d", plan.TotalAffinity, aff)
	}
	obj := objective{pairs: len(plan.Assignments), value: aff - penaltyOf(p, load)}
	for _, list := range per {
		if len(list) > p.K {
			t.Fatalf("a submission got %d reviewers, k is %d", len(list), p.K)
		}
		if p.Options.RequireSenior && slices.ContainsFunc(list, func(e Expert) bool { return e.Senior }) {
			obj.seniors++
		}
	}
	for j, e := range p.Experts {
		if load[j] > e.MaxLoad || plan.Loads[j].Load != load[j] {
			t.Fatalf("expert %s load %d (reported %d), max %d", e.ID, load[j], plan.Loads[j].Load, e.MaxLoad)
		}
	}
	short := 0
	for _, s := range p.Submissions {
		if len(per[s.ID]) < p.K {
			short++
		}
	}
	if short != len(plan.Unassigned) {
		t.Fatalf("%d submissions are short but %d are listed as unassigned", short, len(plan.Unassigned))
	}
	return obj
}

func penaltyOf(p *ReviewProblem, load []int) int64 {
	w := int64(balanceWeight(p.Options))
	var pen int64
	for _, l := range load {
		pen += w * int64(l*(l-1)/2)
	}
	return pen
}

// bruteForce enumerates every plan: a dynamic programme over submissions whose
// state is the vector of expert loads, trying every allowed reviewer subset.
func bruteForce(p *ReviewProblem) objective {
	type acc struct{ seniors, aff int }
	states := map[string]acc{string(make([]byte, len(p.Experts))): {}}
	for _, s := range p.Submissions {
		next := map[string]acc{}
		subsets := allowedSubsets(p, s)
		for key, a := range states {
			for _, set := range subsets {
				load := []byte(key)
				ok, aff, senior := true, a.aff, 0
				for _, j := range set.experts {
					load[j]++
					ok = ok && int(load[j]) <= p.Experts[j].MaxLoad
					if p.Experts[j].Senior {
						senior = 1
					}
				}
				if !ok {
					continue
				}
				aff += set.affinity
				cand := acc{a.seniors + senior, aff}
				if !p.Options.RequireSenior {
					cand.seniors = 0
				}
				if old, seen := next[string(load)]; !seen || old.seniors < cand.seniors || (old.seniors == cand.seniors && old.aff < cand.aff) {
					next[string(load)] = cand
				}
			}
		}
		states = next
	}
	best := objective{pairs: -1}
	for key, a := range states {
		load := make([]int, len(key))
		pairs := 0
		for j := range key {
			load[j] = int(key[j])
			pairs += load[j]
		}
		o := objective{pairs, a.seniors, int64(a.aff) - penaltyOf(p, load)}
		if best.less(o) {
			best = o
		}
	}
	return best
}

type subset struct {
	experts  []int
	affinity int
}

func allowedSubsets(p *ReviewProblem, s Submission) []subset {
	out := []subset{{}}
	for j, e := range p.Experts {
		aff := refEligible(p, s, e)
		if aff < 0 {
			continue
		}
		for _, old := range out {
			if len(old.experts) == p.K || (p.Options.DistinctCounties && sharesCounty(p, old.experts, e)) {
				continue
			}
			out = append(out, subset{append(slices.Clone(old.experts), j), old.affinity + aff})
		}
	}
	return out
}

func sharesCounty(p *ReviewProblem, set []int, e Expert) bool {
	for _, j := range set {
		if e.County != "" && p.Experts[j].County == e.County {
			return true
		}
	}
	return false
}

// randomReview makes a small instance; options are drawn so that every
// single option, and none, is well covered.
func randomReview(rng *rand.Rand, nSub, nExp int) *ReviewProblem {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	p := &ReviewProblem{K: 1 + rng.IntN(3)}
	for j := range nExp {
		e := Expert{ID: fmt.Sprintf("E%d", j), School: pick("A", "B", "C", "D", ""), County: pick("X", "Y", "Z", ""),
			MaxLoad: rng.IntN(4), Senior: rng.IntN(3) == 0}
		for _, subj := range []string{"数学", "语文", "英语"} {
			if rng.IntN(2) == 0 {
				e.Subjects = append(e.Subjects, subj)
			}
		}
		if rng.IntN(2) == 0 {
			e.Stages = []string{pick("primary", "junior")}
		}
		p.Experts = append(p.Experts, e)
	}
	for i := range nSub {
		s := Submission{ID: fmt.Sprintf("P%d", i), Subject: pick("数学", "语文", "英语"), Stage: pick("primary", "junior", ""),
			School: pick("A", "B", "C", "D", ""), County: pick("X", "Y", "Z", ""), Authors: []string{pick("T1", "T2", "T3", "E0", "E1")}}
		p.Submissions = append(p.Submissions, s)
	}
	for range rng.IntN(3) {
		c := Conflict{Expert: fmt.Sprintf("E%d", rng.IntN(nExp)), Person: pick("T1", "T2", "T3")}
		if rng.IntN(2) == 0 {
			c = Conflict{Expert: c.Expert, Submission: fmt.Sprintf("P%d", rng.IntN(nSub))}
		}
		p.Conflicts = append(p.Conflicts, c)
	}
	if rng.IntN(3) == 0 {
		for i := range nSub {
			for j := range nExp {
				if rng.IntN(3) > 0 {
					p.Affinities = append(p.Affinities, Affinity{fmt.Sprintf("P%d", i), fmt.Sprintf("E%d", j), rng.IntN(10)})
				}
			}
		}
	}
	switch rng.IntN(6) {
	case 1:
		p.Options.AvoidSameCounty = true
	case 2:
		p.Options.DistinctCounties = true
	case 3:
		p.Options.RequireSenior = true
	case 4:
		p.Options.BalanceLoad, p.Options.BalanceWeight = true, rng.IntN(4)
	case 5:
		p.Options = ReviewOptions{AvoidSameCounty: true, RequireSenior: true, BalanceLoad: true}
	}
	return p
}

func TestReviewMatchesBruteForce(t *testing.T) {
	seeds := uint64(3000)
	if testing.Short() {
		seeds = 300
	}
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(seed, 1))
		p := randomReview(rng, 1+rng.IntN(8), 1+rng.IntN(5))
		plan, err := SolveReview(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got, want := checkPlan(t, p, plan), bruteForce(p)
		if got != want {
			t.Fatalf("seed %d (k=%d, options %+v): solver %+v, brute force %+v", seed, p.K, p.Options, got, want)
		}
	}
}

func TestReviewCountyAndSeniorTogetherKeepsMostPairs(t *testing.T) {
	for seed := range uint64(150) {
		rng := rand.New(rand.NewPCG(seed, 2))
		p := randomReview(rng, 1+rng.IntN(8), 1+rng.IntN(5))
		p.Options = ReviewOptions{DistinctCounties: true, RequireSenior: true}
		plan, err := SolveReview(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got, want := checkPlan(t, p, plan), bruteForce(p)
		if got.pairs != want.pairs || want.less(got) {
			t.Fatalf("seed %d: solver %+v, brute force %+v", seed, got, want)
		}
	}
}

func TestSubjectIndexMatchesFullScan(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 4))
		p := randomReview(rng, 8, 12)
		p.Affinities = nil
		x := newReviewIndex(p)
		for i := range p.Submissions {
			var why [exCount]int
			if full, fast := x.candidates(i, nil, &why), x.candidates(i, nil, nil); !slices.Equal(full, fast) {
				t.Fatalf("seed %d submission %d: full scan %v, subject index %v", seed, i, full, fast)
			}
		}
	}
}
