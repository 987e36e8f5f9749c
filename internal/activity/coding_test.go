package activity_test

import (
	"math"
	"testing"

	"jiaoyan/internal/activity"
)

var th = activity.STThresholds{PracticeRt: 0.3, LectureRt: 0.7, DialogueCh: 0.4}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The sequences below are worked by hand:
//
//	TTTSSTTSTT: N=10, N_T=7, runs TTT|SS|TT|S|TT = 5 → Rt 0.7, Ch 0.4 → 讲授型 (Rt ≥ 0.7 comes first)
//	TSTSTSTSTS: N=10, N_T=5, runs 10 → Rt 0.5, Ch 0.9 → 对话型
//	TTSSSSSSST: N=10, N_T=3, runs 3 → Rt 0.3, Ch 0.2 → 练习型 (Rt ≤ 0.3)
//	TTTTSSSSTT TTSS: N=14, N_T=8, runs TTTT|SSSS|TTTT|SS = 4 → Rt 8/14, Ch 3/14 → 混合型
func TestSTFiguresAgainstHandComputedSequences(t *testing.T) {
	cases := []struct {
		seq      string
		nt, runs int
		rt, ch   float64
		mode     string
	}{
		{"TTTSSTTSTT", 7, 5, 0.7, 0.4, activity.ModeLecture},
		{"TSTSTSTSTS", 5, 10, 0.5, 0.9, activity.ModeDialogue},
		{"TTSSSSSSST", 3, 3, 0.3, 0.2, activity.ModePractice},
		{"TTTTSSSSTTTTSS", 8, 4, 8.0 / 14, 3.0 / 14, activity.ModeMixed},
	}
	for _, c := range cases {
		r := activity.AnalyseST(c.seq, th)
		if r.NT != c.nt || r.Runs != c.runs || !near(r.Rt, c.rt) || !near(r.Ch, c.ch) || r.Mode != c.mode {
			t.Errorf("%s: N_T %d g %d Rt %v Ch %v %s; want %d %d %v %v %s", c.seq, r.NT, r.Runs, r.Rt, r.Ch, r.Mode, c.nt, c.runs, c.rt, c.ch, c.mode)
		}
	}
	r := activity.AnalyseST("TTS", th)
	want := [][2]int{{0, 0}, {0, 1}, {0, 2}, {1, 2}}
	for i, p := range want {
		if r.Curve[i] != p {
			t.Fatalf("S-T curve of TTS: %v, want %v", r.Curve, want)
		}
	}
}

func TestSTModeFollowsTheRegionsThresholds(t *testing.T) {
	strict := activity.STThresholds{PracticeRt: 0.2, LectureRt: 0.8, DialogueCh: 0.5}
	if m := activity.AnalyseST("TTTSSTTSTT", strict).Mode; m != activity.ModeMixed {
		t.Errorf("Rt 0.7 Ch 0.4 under 0.2/0.8/0.5: %s, want 混合型", m)
	}
}

func TestParseSTNamesTheBadCharacter(t *testing.T) {
	if s, err := activity.ParseST("tt s\nT"); err != nil || s != "TTST" {
		t.Errorf("ParseST: %q %v", s, err)
	}
	if _, err := activity.ParseST("TTX"); err == nil {
		t.Error("ParseST accepted X")
	}
}

// The FIAS sequence 10 5 5 4 8 8 2 5 10 (9 codes, 8 pairs) by hand:
// counts 2:1 4:1 5:3 8:2 10:2; pairs (10,5) (5,5) (5,4) (4,8) (8,8) (8,2) (2,5) (5,10);
// teacher talk (1+1+3)/9, student talk 2/9, silence 2/9, indirect/direct (1+1)/3, questions/lecturing 1/3.
func TestFIASFiguresAgainstAHandComputedSequence(t *testing.T) {
	codes, err := activity.ParseFIAS("10 5 5，4 8 8 2 5 10")
	if err != nil {
		t.Fatal(err)
	}
	r := activity.AnalyseFIAS(codes)
	if r.N != 9 || r.Counts != [10]int{0, 1, 0, 1, 3, 0, 0, 2, 0, 2} {
		t.Fatalf("counts %v of %d", r.Counts, r.N)
	}
	pairs := map[[2]int]int{{10, 5}: 1, {5, 5}: 1, {5, 4}: 1, {4, 8}: 1, {8, 8}: 1, {8, 2}: 1, {2, 5}: 1, {5, 10}: 1}
	total := 0
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			total += r.Matrix[i][j]
			if r.Matrix[i][j] != pairs[[2]int{i + 1, j + 1}] {
				t.Errorf("matrix (%d,%d) = %d, want %d", i+1, j+1, r.Matrix[i][j], pairs[[2]int{i + 1, j + 1}])
			}
		}
	}
	if total != 8 {
		t.Errorf("matrix holds %d pairs, want 8", total)
	}
	for name, got := range map[string][2]float64{"teacher": {r.TeacherTalk, 5.0 / 9}, "student": {r.StudentTalk, 2.0 / 9},
		"silence": {r.Silence, 2.0 / 9}, "indirect/direct": {r.IndirectToDirect, 2.0 / 3}, "questions/lecturing": {r.QuestionsToLectur, 1.0 / 3}} {
		if !near(got[0], got[1]) {
			t.Errorf("%s ratio %v, want %v", name, got[0], got[1])
		}
	}
	if _, err := activity.ParseFIAS("5 11"); err == nil {
		t.Error("ParseFIAS accepted 11")
	}
	if r := activity.AnalyseFIAS([]int{8, 9}); !math.IsNaN(r.IndirectToDirect) {
		t.Errorf("indirect/direct with no direct talk: %v, want NaN (shown as —)", r.IndirectToDirect)
	}
}
