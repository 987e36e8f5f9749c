package trainingweb

import (
	"iter"
	"net/http"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

type transcriptData struct {
	T      training.Transcript
	Year   int
	Years  []int
	ID     int64
	Levels map[string]string
	Today  string
	Print  bool // the 学分证明 as it prints
	Tiers  []training.TierStep
	Choice []struct{ Code, Name string }
}

// transcript reads the person of the path's transcript for ?year=.
func (m *module) transcript(w http.ResponseWriter, r *http.Request) (transcriptData, bool) {
	id, err := web.PathID(r)
	year := m.yearOf(r)
	var t training.Transcript
	if err == nil {
		t, err = m.Svc.FindTranscript(r.Context(), web.ActorOf(r), id, year)
	}
	if err != nil {
		web.Fail(w, r, err)
		return transcriptData{}, false
	}
	return transcriptData{T: t, Year: year, Years: m.years(), ID: id, Levels: credit.LevelNames,
		Today: m.Svc.Today()}, true
}

// transcriptPage is a person's credits by cycle and year.
func (m *module) transcriptPage(w http.ResponseWriter, r *http.Request) {
	d, ok := m.transcript(w, r)
	if !ok {
		return
	}
	tiers, err := m.Svc.FindTiers(r.Context(), web.ActorOf(r), d.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Tiers, d.Choice = tiers, tierChoices()
	title := d.T.Standing.Name + " 学分记录"
	web.Render(w, r, http.StatusOK, "credits_transcript", web.Page{Title: title,
		Crumbs: []web.Crumb{{Name: "学分", URL: "/credits"}, {Name: title}}, Data: d})
}

// transcriptPrint is the 学分证明 as it prints, with the bureau's name.
func (m *module) transcriptPrint(w http.ResponseWriter, r *http.Request) {
	d, ok := m.transcript(w, r)
	if !ok {
		return
	}
	d.Print = true
	web.Render(w, r, http.StatusOK, "credits_transcript", web.Page{Title: "学分证明", Data: d})
}

// transcriptExport sends the transcript's entries and its total row.
func (m *module) transcriptExport(w http.ResponseWriter, r *http.Request) {
	d, ok := m.transcript(w, r)
	if !ok {
		return
	}
	rows := func(yield func([]string) bool) {
		for _, b := range d.T.Years {
			for _, e := range b.Entries {
				if !yield([]string{web.Itoa(e.SchoolYear) + "学年", e.Date, e.CategoryName, credit.LevelNames[e.Level], e.Title,
					num(e.Hours), num(e.Credits), sourceName(e.Source)}) {
					return
				}
			}
		}
		yield([]string{"合计", "", "", "", "", num(d.T.Hours), num(d.T.Credits), ""})
	}
	web.SendExport(w, r, d.T.Standing.Name+"学分证明.xlsx", transcriptSpec(), iter.Seq[[]string](rows))
}

// sourceNames are the Chinese names of the ledger's sources.
var sourceNames = map[string]string{"liaison.training": "本人记录", "activity": "教研活动", "program": "培训项目",
	training.SourceClaim: "学分申报", training.SourceImport: "证书导入"}

func sourceName(s string) string {
	if n, ok := sourceNames[s]; ok {
		return n
	}
	return "其他"
}
