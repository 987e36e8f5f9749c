package reviewweb

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type roundData struct {
	T      review.RoundTable
	Phases []string
}

// roundPage is a 比拼 round: its three phases, each school's score in
// each, and the combined standing by the region's phase weights.
func (s *module) roundPage(w http.ResponseWriter, r *http.Request) {
	t, _, err := web.ByID(r, s.Review.RoundStanding)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	title := t.Round.Term + "校本研修比拼（" + t.Round.StageName + "）"
	web.Render(w, r, http.StatusOK, "review_round", web.Page{Title: title,
		Crumbs: []web.Crumb{{Name: "校本研修比拼", URL: "/contest-rounds"}, {Name: title}}, Data: roundData{T: t, Phases: review.ContestPhaseNames}})
}

// roundExport is the round's standing as an Excel file, scores as numbers.
func (s *module) roundExport(w http.ResponseWriter, r *http.Request) {
	t, _, err := web.ByID(r, s.Review.RoundStanding)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', 2, 64)
	}
	cols := []exchange.ExportColumn{{Header: "名次", Kind: exchange.KindInt}, {Header: "学校", Width: 24}}
	for i, p := range review.ContestPhaseNames {
		cols = append(cols, exchange.ExportColumn{Header: fmt.Sprintf("%s得分（权重 %g%%）", p, t.Weights[i]), Kind: exchange.KindDecimal, Width: 18})
	}
	cols = append(cols, exchange.ExportColumn{Header: "综合成绩", Kind: exchange.KindDecimal})
	var rows [][]string
	for _, row := range t.Rows {
		rank := ""
		if row.Rank > 0 {
			rank = strconv.Itoa(row.Rank)
		}
		rows = append(rows, []string{rank, row.School, num(row.Scores[0]), num(row.Scores[1]), num(row.Scores[2]), num(row.Combined)})
	}
	var buf bytes.Buffer
	if err := exchange.Export(&buf, "综合成绩", cols, slices.Values(rows)); err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendXLSX(w, t.Round.Term+"校本研修比拼综合成绩.xlsx", buf.Bytes())
}
