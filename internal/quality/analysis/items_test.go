package analysis

import (
	"math"
	"testing"
)

func TestItemStatisticsByHand(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	st := r.Items[0]
	// item scores over S1..S5 (blank = 0): [2 2 0 2 0], [2 0 2 0 0], [6 4 4 2.5 1]
	near(t, "P1", st[0].Difficulty, 0.6, 1e-12)
	near(t, "P2", st[1].Difficulty, 0.4, 1e-12)
	near(t, "P3", st[2].Difficulty, 3.5/6, 1e-12)
	near(t, "blank rate 2 (S4)", st[1].BlankRate, 0.2, 1e-12)
	near(t, "blank rate 1", st[0].BlankRate, 0, 0)
	// n=5: groups of round(1.35)=1, top S1 (10), bottom S5 (1)
	near(t, "D1", st[0].Discrimination, 1, 1e-12)
	near(t, "D3 (6-1)/6", st[2].Discrimination, 5.0/6, 1e-12)
	near(t, "point-biserial 1", st[0].PointBiserial, 0.5634361698, 1e-9)
	near(t, "corrected r 1", st[0].CorrectedR, 0.2631806780, 1e-9)
	near(t, "point-biserial 3", st[2].PointBiserial, 0.9897433186, 1e-9)
	near(t, "corrected r 3", st[2].CorrectedR, 0.9449111825, 1e-9)
	s := r.Subjects[0]
	// α = 3/2·(1 - (0.96+0.96+2.8)/8.4)
	near(t, "alpha", s.Alpha, 1.5*(1-4.72/8.4), 1e-12)
	if s.Method != "alpha" {
		t.Errorf("method = %s, want alpha (item 3 is not 0/full)", s.Method)
	}
	near(t, "odd/even r", s.HalfR, 0.4584746503, 1e-9)
	near(t, "Spearman-Brown", s.SplitHalf, 0.6287043113, 1e-9)
	if !math.IsNaN(r.Subjects[1].Alpha) {
		t.Errorf("alpha of a one-item subject = %v, want undefined", r.Subjects[1].Alpha)
	}
}

// Seven students, totals 20, 15, 15, 10, 5, 5, 0: groups of round(1.89)=2.
// Ties at both cut points are broken by student id ascending, so the top
// group is P1, P2 (not P3) and the bottom group is P6, P7 (not P5).
func TestDiscriminationTieRule(t *testing.T) {
	items := "科目,题号,满分,题型\n物理,a,10,主观\n物理,b,10,主观\n"
	scores := "考号,县区,学校,班级,科目,a,b\n" +
		"P3,一县,一校,1班,物理,5,10\n" +
		"P7,一县,一校,1班,物理,0,0\n" +
		"P1,一县,一校,1班,物理,10,10\n" +
		"P5,一县,一校,1班,物理,5,0\n" +
		"P2,一县,一校,1班,物理,10,5\n" +
		"P6,一县,一校,1班,物理,0,5\n" +
		"P4,一县,一校,1班,物理,5,5\n"
	r := analyzeCSV(t, items, scores, DefaultSettings())
	near(t, "D(a) = (10-0)/10", r.Items[0][0].Discrimination, 1, 1e-12)
	near(t, "D(b) = (7.5-2.5)/10", r.Items[0][1].Discrimination, 0.5, 1e-12)
}

func TestKR20WhenEveryItemIsZeroOrFull(t *testing.T) {
	items := "科目,题号,满分,题型\n英语,1,1,客观\n英语,2,1,客观\n英语,3,1,客观\n"
	scores := "考号,县区,学校,班级,科目,1,2,3\n" +
		"A,县,校,班,英语,1,1,1\nB,县,校,班,英语,1,1,0\nC,县,校,班,英语,1,0,0\nD,县,校,班,英语,0,0,0\n"
	r := analyzeCSV(t, items, scores, DefaultSettings())
	s := r.Subjects[0]
	if s.Method != "KR-20" {
		t.Errorf("method = %s, want KR-20", s.Method)
	}
	// p = .75 .5 .25: Σpq = .1875+.25+.1875 = .625; totals 3 2 1 0: var 1.25
	near(t, "KR-20", s.Alpha, 1.5*(1-0.625/1.25), 1e-12)
}

func TestObjectiveAnswersScoredByKeyWithOptionRates(t *testing.T) {
	items := "科目,题号,满分,题型,答案,选项\n英语,1,2,客观,B,ABCD\n英语,2,3,主观,,\n"
	scores := "考号,县区,学校,班级,科目,1,2\n" +
		"A,县,校,班,英语,B,1\n" + // right: 2
		"B,县,校,班,英语,c,1\n" + // wrong: 0
		"C,县,校,班,英语,,1\n" + // blank
		"D,县,校,班,英语,AB,1\n" + // two letters for a single key: 0
		"E,县,校,班,英语,2,1\n" // a score instead of a letter
	r := analyzeCSV(t, items, scores, DefaultSettings())
	it := r.Items[0][0]
	near(t, "P = (2+0+0+0+2)/5/2", it.Difficulty, 0.4, 1e-12)
	near(t, "blank rate", it.BlankRate, 0.2, 1e-12)
	want := []float64{0.2, 0.4, 0.2, 0} // A: D; B: A, D; C: B; D: none
	for o, w := range want {
		near(t, "option "+string(rune('A'+o)), it.OptionRates[o], w, 1e-12)
	}
}
