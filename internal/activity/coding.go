package activity

import (
	"math"
	"strings"

	"jiaoyan/internal/app"
)

// The two 课堂观察 coding methods. Both are pure: they take the coded
// sequence and the region's thresholds and return the figures a page and
// an export show.

// Teaching modes (教学模式) of S-T analysis.
const (
	ModePractice = "练习型"
	ModeLecture  = "讲授型"
	ModeDialogue = "对话型"
	ModeMixed    = "混合型"
)

// STThresholds are the region's S-T rules as fractions: 练习型 when Rt ≤
// PracticeRt, 讲授型 when Rt ≥ LectureRt, 对话型 when Ch ≥ DialogueCh.
type STThresholds struct{ PracticeRt, LectureRt, DialogueCh float64 }

// STResult is the S-T analysis of a sample sequence: N samples, N_T of them
// teacher behaviour, g runs, Rt = N_T / N, Ch = (g − 1) / N, and the mode.
type STResult struct {
	N, NT, NS, Runs int
	Rt, Ch          float64
	Mode            string
	Curve           [][2]int // the S-T curve: (S so far, T so far) after each sample, from (0, 0)
}

// ParseST reads an S-T sequence ("TTSST…", spaces ignored, case-free);
// any other letter is an error at field codes.
func ParseST(s string) (string, error) {
	var b strings.Builder
	for i, r := range strings.ToUpper(s) {
		switch r {
		case 'T', 'S':
			b.WriteRune(r)
		case ' ', '\n', '\r', '\t', ',':
		default:
			return "", app.Invalid("st_codes", "S-T 编码只能是 T 或 S（第 %d 个字符为「%c」）", i+1, r)
		}
	}
	return b.String(), nil
}

// AnalyseST computes the S-T figures of seq (only T and S). An empty
// sequence gives N = 0 and no mode.
func AnalyseST(seq string, th STThresholds) STResult {
	r := STResult{N: len(seq), Curve: [][2]int{{0, 0}}}
	var s, t int
	for i := 0; i < len(seq); i++ {
		if seq[i] == 'T' {
			t++
		} else {
			s++
		}
		if i == 0 || seq[i] != seq[i-1] {
			r.Runs++
		}
		r.Curve = append(r.Curve, [2]int{s, t})
	}
	r.NT, r.NS = t, s
	if r.N == 0 {
		return r
	}
	r.Rt, r.Ch = float64(t)/float64(r.N), float64(r.Runs-1)/float64(r.N)
	r.Mode = stMode(r.Rt, r.Ch, th)
	return r
}

func stMode(rt, ch float64, th STThresholds) string {
	const eps = 1e-9
	switch {
	case rt <= th.PracticeRt+eps:
		return ModePractice
	case rt >= th.LectureRt-eps:
		return ModeLecture
	case ch >= th.DialogueCh-eps:
		return ModeDialogue
	}
	return ModeMixed
}

// FIASCategories are the 10 categories of 弗兰德斯互动分析 (FIAS).
var FIASCategories = [10]string{"接纳学生情感", "表扬或鼓励", "采纳学生观点", "提问", "讲授", "指令", "批评或维护权威",
	"学生被动应答", "学生主动说话", "沉寂或混乱"}

// FIASResult is the FIAS analysis of a code sequence: the count of each
// category, the 10 × 10 matrix of successive pairs (row: a code, column:
// the next one), and the standard ratios (NaN when the divisor is 0).
type FIASResult struct {
	N                 int
	Counts            [10]int
	Matrix            [10][10]int
	TeacherTalk       float64 // categories 1–7 / N
	StudentTalk       float64 // 8–9 / N
	Silence           float64 // 10 / N
	IndirectToDirect  float64 // (1–4) / (5–7)
	QuestionsToLectur float64 // 4 / 5
}

// ParseFIAS reads a FIAS sequence of category numbers 1–10 separated by
// spaces or commas ("5 5 4 8 10 …"); anything else is an error at codes.
func ParseFIAS(s string) ([]int, error) {
	var out []int
	for i, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '，' || r == '\n' || r == '\r' || r == '\t' }) {
		n := 0
		for _, r := range f {
			if r < '0' || r > '9' || n > 10 {
				n = -1
				break
			}
			n = n*10 + int(r-'0')
		}
		if n < 1 || n > 10 {
			return nil, app.Invalid("fias_codes", "弗兰德斯编码应为 1 至 10 的数字（第 %d 个为「%s」）", i+1, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// AnalyseFIAS computes the FIAS figures of codes (each 1–10).
func AnalyseFIAS(codes []int) FIASResult {
	r := FIASResult{N: len(codes)}
	for i, c := range codes {
		r.Counts[c-1]++
		if i > 0 {
			r.Matrix[codes[i-1]-1][c-1]++
		}
	}
	sum := func(from, to int) float64 {
		n := 0
		for c := from; c <= to; c++ {
			n += r.Counts[c-1]
		}
		return float64(n)
	}
	r.TeacherTalk, r.StudentTalk, r.Silence = ratio(sum(1, 7), float64(r.N)), ratio(sum(8, 9), float64(r.N)), ratio(sum(10, 10), float64(r.N))
	r.IndirectToDirect, r.QuestionsToLectur = ratio(sum(1, 4), sum(5, 7)), ratio(sum(4, 4), sum(5, 5))
	return r
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
