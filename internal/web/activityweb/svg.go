package activityweb

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"jiaoyan/internal/activity"
)

// chartSVG are the S-T curve and the Rt-Ch chart, drawn on the server as
// inline SVG (numbers only, so they are safe HTML).
type chartSVG struct{ Curve, RtCh template.HTML }

const side = 240.0

// stCharts draws the S-T curve (S right, T up, one step per sample) and the
// Rt-Ch chart with the region's mode areas and the lesson's point.
func stCharts(c activity.Coding) chartSVG {
	return chartSVG{Curve: stCurve(c.ST), RtCh: rtCh(c)}
}

func stCurve(r activity.STResult) template.HTML {
	n := math.Max(float64(r.N), 1)
	var pts []string
	for _, p := range r.Curve {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", 20+float64(p[0])/n*side, 20+side-float64(p[1])/n*side))
	}
	return template.HTML(fmt.Sprintf(`<svg class="st-curve" viewBox="0 0 280 280" width="280" height="280" role="img" aria-label="S-T 曲线">`+
		`<line x1="20" y1="260" x2="260" y2="260" stroke="#888"/><line x1="20" y1="20" x2="20" y2="260" stroke="#888"/>`+
		`<line x1="20" y1="260" x2="260" y2="20" stroke="#ccc" stroke-dasharray="4"/>`+
		`<text x="262" y="272" font-size="12">S</text><text x="6" y="18" font-size="12">T</text>`+
		`<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="%s"/></svg>`, strings.Join(pts, " ")))
}

func rtCh(c activity.Coding) template.HTML {
	x := func(rt float64) float64 { return 20 + rt*side }
	y := func(ch float64) float64 { return 20 + side - ch*side }
	th := c.Th
	var dot string
	if c.ST.N > 0 {
		dot = fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="5" fill="#c0392b"/>`, x(c.ST.Rt), y(c.ST.Ch))
	}
	return template.HTML(fmt.Sprintf(`<svg class="rt-ch" viewBox="0 0 280 280" width="280" height="280" role="img" aria-label="Rt-Ch 图">`+
		`<line x1="20" y1="260" x2="260" y2="260" stroke="#888"/><line x1="20" y1="20" x2="20" y2="260" stroke="#888"/>`+
		`<line x1="%.1f" y1="20" x2="%.1f" y2="260" stroke="#aaa"/><line x1="%.1f" y1="20" x2="%.1f" y2="260" stroke="#aaa"/>`+
		`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#aaa"/>`+
		`<text x="%.1f" y="250" font-size="11">练习型</text><text x="%.1f" y="250" font-size="11">讲授型</text>`+
		`<text x="%.1f" y="40" font-size="11">对话型</text><text x="%.1f" y="250" font-size="11">混合型</text>`+
		`<text x="250" y="274" font-size="11">Rt</text><text x="2" y="16" font-size="11">Ch</text>%s</svg>`,
		x(th.PracticeRt), x(th.PracticeRt), x(th.LectureRt), x(th.LectureRt), x(th.PracticeRt), y(th.DialogueCh), x(th.LectureRt), y(th.DialogueCh),
		x(0)+4, x(th.LectureRt)+4, x(th.PracticeRt)+4, x(th.PracticeRt)+4, dot))
}

// pct is a ratio as a percentage with one decimal, "—" when undefined.
func pct(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", v*100)
}

// num is a ratio with two decimals, "—" when undefined.
func num(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.2f", v)
}
