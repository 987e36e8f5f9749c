package plan

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// lpWeights returns the weights of the scaled single objective
// pairWeight*pairs + seniorWeight*seniors + affinity - penalty, large enough
// that the priority order is kept.
func lpWeights(p *ReviewProblem) (pairWeight, seniorWeight int64) {
	pairs := int64(len(p.Submissions) * p.K)
	spread := 1 + pairs*maxScore + pairs*int64(balanceWeight(p.Options))*int64(len(p.Submissions))
	seniorWeight = spread
	pairWeight = spread * (int64(len(p.Submissions)) + 1)
	return pairWeight, seniorWeight
}

func (o objective) scaled(p *ReviewProblem) int64 {
	pw, sw := lpWeights(p)
	return pw*int64(o.pairs) + sw*int64(o.seniors) + o.value
}

// writeReviewLP writes p as a CPLEX LP model, using the reference eligibility
// rules, not the solver's. With integer=false it writes the LP relaxation.
// With timing=true the pair weight is a flat 1000 (> 3 times the largest default
// affinity), which keeps the objective small enough for glpsol to print
// exactly; the benchmark still compares the optimum with the engine's.
func writeReviewLP(path string, p *ReviewProblem, integer, timing bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	pw, sw := lpWeights(p)
	if timing {
		pw = 1000
	}
	var pairs []pair
	for i, s := range p.Submissions {
		for j, e := range p.Experts {
			if a := refEligible(p, s, e); a >= 0 {
				pairs = append(pairs, pair{i, j, a})
			}
		}
	}
	fmt.Fprintln(w, "Maximize\n obj: 0 dummy")
	for _, x := range pairs {
		fmt.Fprintf(w, " + %d x%d_%d\n", pw+int64(x.aff), x.i, x.j)
	}
	bw := balanceWeight(p.Options)
	for j, e := range p.Experts {
		for l := 1; bw > 0 && l < e.MaxLoad; l++ {
			fmt.Fprintf(w, " - %d y%d_%d\n", bw*l, j, l)
		}
	}
	for i := range p.Submissions {
		if p.Options.RequireSenior {
			fmt.Fprintf(w, " + %d z%d\n", sw, i)
		}
	}
	fmt.Fprintln(w, "Subject To")
	bySub, byExp := map[int][]pair{}, map[int][]pair{}
	for _, x := range pairs {
		bySub[x.i] = append(bySub[x.i], x)
		byExp[x.j] = append(byExp[x.j], x)
	}
	for i := range p.Submissions {
		row(w, fmt.Sprintf("s%d", i), bySub[i], func(x pair) bool { return true }, fmt.Sprintf("<= %d", p.K))
		if p.Options.RequireSenior {
			fmt.Fprintf(w, " r%d: z%d", i, i)
			for _, x := range bySub[i] {
				if p.Experts[x.j].Senior {
					fmt.Fprintf(w, " - x%d_%d", x.i, x.j)
				}
			}
			fmt.Fprintln(w, " <= 0")
		}
		if p.Options.DistinctCounties {
			for _, c := range []string{"X", "Y", "Z"} {
				row(w, fmt.Sprintf("c%d_%s", i, c), bySub[i], func(x pair) bool { return p.Experts[x.j].County == c }, "<= 1")
			}
		}
	}
	for j, e := range p.Experts {
		if bw == 0 {
			row(w, fmt.Sprintf("e%d", j), byExp[j], func(x pair) bool { return true }, fmt.Sprintf("<= %d", e.MaxLoad))
			continue
		}
		// load = sum of y_l for l = 0..max-1; y0 costs nothing, y_l costs bw*l.
		fmt.Fprintf(w, " e%d: dummy", j)
		for _, x := range byExp[j] {
			fmt.Fprintf(w, " + x%d_%d", x.i, x.j)
		}
		for l := range e.MaxLoad {
			fmt.Fprintf(w, " - y%d_%d", j, l)
		}
		fmt.Fprintln(w, " = 0")
	}
	fmt.Fprintln(w, "Bounds\n 0 <= dummy <= 0")
	for _, x := range pairs {
		fmt.Fprintf(w, " 0 <= x%d_%d <= 1\n", x.i, x.j)
	}
	for j, e := range p.Experts {
		for l := 0; bw > 0 && l < e.MaxLoad; l++ {
			fmt.Fprintf(w, " 0 <= y%d_%d <= 1\n", j, l)
		}
	}
	for i := range p.Submissions {
		if p.Options.RequireSenior {
			fmt.Fprintf(w, " 0 <= z%d <= 1\n", i)
		}
	}
	if integer {
		fmt.Fprintln(w, "General")
		for _, x := range pairs {
			fmt.Fprintf(w, " x%d_%d\n", x.i, x.j)
		}
		for i := range p.Submissions {
			if p.Options.RequireSenior {
				fmt.Fprintf(w, " z%d\n", i)
			}
		}
	}
	fmt.Fprintln(w, "End")
	return w.Flush()
}

// pair is one eligible (submission, expert) variable of the LP.
type pair struct{ i, j, aff int }

// row writes one constraint over the pairs that keep selects, or nothing if
// none does.
func row(w *bufio.Writer, name string, xs []pair, keep func(pair) bool, rhs string) {
	var terms []byte
	for _, x := range xs {
		if keep(x) {
			terms = fmt.Appendf(terms, " + x%d_%d", x.i, x.j)
		}
	}
	if len(terms) > 0 {
		fmt.Fprintf(w, " %s:%s %s\n", name, terms, rhs)
	}
}

var glpsolObjective = regexp.MustCompile(`Objective:\s+obj = (-?[0-9.e+]+)`)

// glpsol solves an LP file and returns the optimal objective value.
func glpsol(t testing.TB, lp string) int64 {
	out := lp + ".out"
	cmd := exec.Command("glpsol", "--lp", lp, "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("glpsol: %v\n%s", err, b)
	}
	text, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m := glpsolObjective.FindSubmatch(text)
	if m == nil {
		t.Fatalf("no objective in glpsol output:\n%s", text)
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(v) >= 1e9 {
		t.Fatalf("glpsol prints only 10 digits; objective %s is too large to compare exactly", m[1])
	}
	return int64(v + 0.5*sign(v))
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func needGlpsol(t testing.TB) {
	if _, err := exec.LookPath("glpsol"); err != nil {
		t.Skip("glpsol not installed (Debian package glpk-utils); LP oracle skipped")
	}
}

func TestReviewAgreesWithGlpsol(t *testing.T) {
	needGlpsol(t)
	dir := t.TempDir()
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 3))
		p := randomReview(rng, 10+rng.IntN(25), 4+rng.IntN(10))
		if p.Options.DistinctCounties && p.Options.RequireSenior {
			p.Options.RequireSenior = false
		}
		plan, err := SolveReview(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		got := checkPlan(t, p, plan).scaled(p)
		lp := filepath.Join(dir, fmt.Sprintf("review%d.lp", seed))
		if err := writeReviewLP(lp, p, true, false); err != nil {
			t.Fatal(err)
		}
		if want := glpsol(t, lp); got != want {
			t.Fatalf("seed %d (options %+v): engine objective %d, glpsol %d", seed, p.Options, got, want)
		}
	}
}

// benchGlpsol times glpsol on the LP relaxation of a big instance (bipartite
// b-matching is totally unimodular, so the LP optimum is the integer one) and
// checks that the engine's objective is the same.
func benchGlpsol(b *testing.B, p *ReviewProblem) {
	needGlpsol(b)
	lp := filepath.Join(b.TempDir(), "review.lp")
	plan, err := SolveReview(p)
	if err != nil {
		b.Fatal(err)
	}
	if len(plan.Unassigned) > 0 {
		b.Fatal("the timing instance must admit a full assignment")
	}
	if err := writeReviewLP(lp, p, false, true); err != nil {
		b.Fatal(err)
	}
	want := 1000*int64(plan.Pairs) + checkPlan(b, p, plan).value
	var got int64
	for b.Loop() {
		got = glpsol(b, lp)
	}
	if got != want {
		b.Fatalf("glpsol objective %d, engine %d", got, want)
	}
}

func BenchmarkGlpsolReview1000x300(b *testing.B) { benchGlpsol(b, bigReview(1000, 300, false)) }

func BenchmarkGlpsolReview5000x1000(b *testing.B) { benchGlpsol(b, bigReview(5000, 1000, false)) }

func BenchmarkReview1000x300(b *testing.B) { benchReview(b, bigReview(1000, 300, false)) }
