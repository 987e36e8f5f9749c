package qualityweb

import (
	"strconv"
)

// num formats a score with up to two decimals ("85.25", "90"); "—" for null.
func num(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(round(*p, 2), 'f', -1, 64)
}

// pct formats a rate as a percentage with one decimal ("62.5%"); "—" for null.
func pct(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(round(*p*100, 1), 'f', 1, 64) + "%"
}

// fixed formats a coefficient with three decimals; "—" for null.
func fixed(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(*p, 'f', 3, 64)
}

func round(x float64, places int) float64 {
	s := strconv.FormatFloat(x, 'f', places, 64)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}
