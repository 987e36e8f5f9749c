package reportweb

import (
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/report"
)

// quotaView is one researcher's row of the dashboard table, flat: the page
// reads plain fields (no method, index or comparison per cell), which is
// most of what a dashboard page costs to render.
type quotaView struct {
	ID            int64
	Name, Office  string
	Year          int
	TermDays      int
	TermRed       bool
	TermGap       string
	Lessons       cellView // 全年听课 (card row 2)
	Demo, Open    cellView // 示范课 / 公开课 (rows 3 and 4)
	Hours         cellView // 培训学时 (row 5)
	Unmet         int
	LessonsShown  bool // the card has the rows the table shows
	DemoOpenShown bool
	HoursShown    bool
}

// cellView is one count of the row: what was measured, the gap, and red
// when the rule is not met.
type cellView struct {
	Measured, Gap string
	Red           bool
}

// quotaViews are the rows of qs as the table shows them.
func quotaViews(qs []report.Quota) []quotaView {
	out := make([]quotaView, len(qs))
	for i, q := range qs {
		v := quotaView{ID: q.Researcher.ID, Name: q.Researcher.Name, Office: q.Researcher.OfficeName, Year: q.Year,
			TermDays: q.TermDays, TermRed: q.TermColor == liaison.Red, TermGap: q.TermGap, Unmet: q.Unmet()}
		cell := func(n int) (cellView, bool) {
			if n >= len(q.Rows) {
				return cellView{}, false
			}
			r := q.Rows[n]
			return cellView{Measured: r.Measured, Gap: r.Gap, Red: r.Colour == liaison.Red}, true
		}
		v.Lessons, v.LessonsShown = cell(2)
		var open bool
		v.Demo, v.DemoOpenShown = cell(3)
		v.Open, open = cell(4)
		v.DemoOpenShown = v.DemoOpenShown && open
		v.Hours, v.HoursShown = cell(5)
		out[i] = v
	}
	return out
}
