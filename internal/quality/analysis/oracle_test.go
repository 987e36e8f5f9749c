package analysis

import (
	"bufio"
	"bytes"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jiaoyan/internal/quality/analysis/gen"
)

// requireR skips the test unless Rscript with psych and lme4 is installed
// (Debian: r-base-core r-cran-psych r-cran-lme4).
func requireR(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("Rscript"); err != nil {
		t.Skip("Rscript not installed")
	}
	if err := exec.Command("Rscript", "-e", "library(psych); library(lme4)").Run(); err != nil {
		t.Skip("R packages psych and lme4 not installed")
	}
}

// runOracle runs testdata/oracle.R and returns its "subject,name" -> value lines.
func runOracle(t *testing.T, scores, prior string, subjects []string) map[string]float64 {
	t.Helper()
	args := append([]string{filepath.Join("testdata", "oracle.R"), scores, prior}, subjects...)
	cmd := exec.Command("Rscript", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle.R: %v\n%s", err, stderr.String())
	}
	got := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("oracle line %q", sc.Text())
		}
		got[strings.Join(f[:len(f)-1], ",")] = v
	}
	return got
}

// TestAgainstROracle compares α, corrected item-total r and item-total r
// (point-biserial) with psych::alpha (tolerance 1e-6) and the empirical-Bayes school effects with the lme4
// REML random intercepts (tolerance shrunkTolerance, see docs).
func TestAgainstROracle(t *testing.T) {
	requireR(t)
	dir := t.TempDir()
	f, err := gen.WriteFiles(dir, gen.Sizes["small"], 7)
	if err != nil {
		t.Fatal(err)
	}
	r := analyzePaths(t, f.Items, f.Scores, f.Prior, DefaultSettings())
	names := r.Names[:len(r.Data.Subjects)]
	want := runOracle(t, f.Scores, f.Prior, names)
	for s, name := range names {
		if _, ok := want[name+",alpha"]; !ok {
			t.Fatalf("oracle gave no alpha for %s", name)
		}
		near(t, name+" alpha", r.Subjects[s].Alpha, want[name+",alpha"], 1e-6)
		for j, it := range r.Data.Exam.Subjects[s].Items {
			near(t, name+" corrected r "+it.Name, r.Items[s][j].CorrectedR, want[name+",rdrop,第"+it.Name+"题"], 1e-6)
			near(t, name+" point-biserial "+it.Name, r.Items[s][j].PointBiserial, want[name+",rawr,第"+it.Name+"题"], 1e-6)
		}
		compareShrunken(t, r, s, want, "ranef", shrunkTolerance)
		compareShrunken(t, r, s, want, "full", oneStageTolerance)
	}
}

// Tolerances for the empirical-Bayes school effects, in z units. Against the
// same two-stage model fitted by lme4 the only difference is the estimator of
// τ² (ANOVA moments here, REML there), which coincide for balanced groups;
// against the one-stage model the prior slope is also estimated differently
// (OLS over students here, GLS with the random intercept there).
const (
	shrunkTolerance   = 0.002
	oneStageTolerance = 0.03
)

func compareShrunken(t *testing.T, r *Report, s int, want map[string]float64, model string, tol float64) {
	t.Helper()
	var worst float64
	n := 0
	for _, va := range r.Value {
		if va.Level != School || va.Subject != s || va.Suppressed {
			continue
		}
		county, school, _ := r.Data.groupNames(School, va.Group)
		blup, ok := want[r.Names[s]+","+model+","+county+"/"+school]
		if !ok {
			t.Fatalf("oracle has no effect for %s/%s", county, school)
		}
		worst = max(worst, math.Abs(va.Shrunken-blup))
		n++
	}
	t.Logf("%s %s: %d schools, max |EB - lme4| = %.2g; tau2 ANOVA %.6f vs REML %.6f",
		r.Names[s], model, n, worst, r.Subjects[s].VA.Tau2[0], want[r.Names[s]+",tau2"])
	if n == 0 || worst > tol {
		t.Errorf("%s %s: max |EB - lme4| = %.3g over %d schools, want <= %g", r.Names[s], model, worst, n, tol)
	}
}
