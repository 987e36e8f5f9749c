package activityweb

import (
	"fmt"
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
)

// codingView is what the coding page and its pads show.
type codingView struct {
	obsData
	Run        string // the pad whose timer runs: "st", "fias" or ""
	STEvery    int
	FIASEvery  int
	Categories [10]string
	Figures    []figure
	Matrix     [10][10]int
}

type figure struct{ Name, Value string }

func (s *module) codingView(r *http.Request) (codingView, error) {
	d, err := s.obsLoad(r)
	if err != nil {
		return codingView{}, err
	}
	v := codingView{obsData: d, Run: r.FormValue("run"), Categories: activity.FIASCategories}
	if d.Mine {
		v.STEvery, v.FIASEvery, err = s.Activity.Intervals(r.Context(), d.O)
		if err != nil && v.RuleErr == "" {
			v.RuleErr = appMessage(err)
		}
	}
	if d.CodingOK {
		st, f := d.Coding.ST, d.Coding.FIAS
		v.Figures = []figure{{"S-T 采样数 N", strconv.Itoa(st.N)}, {"教师行为 N_T", strconv.Itoa(st.NT)}, {"连数 g", strconv.Itoa(st.Runs)},
			{"教师行为占有率 Rt", num(st.Rt)}, {"行为转换率 Ch", num(st.Ch)}, {"教学模式", orDash(st.Mode)},
			{"弗兰德斯编码数", strconv.Itoa(f.N)}, {"教师语言比率", pct(f.TeacherTalk)}, {"学生语言比率", pct(f.StudentTalk)},
			{"沉寂或混乱比率", pct(f.Silence)}, {"间接与直接影响之比", num(f.IndirectToDirect)}, {"提问与讲授之比", num(f.QuestionsToLectur)}}
		v.Matrix = f.Matrix
	}
	return v, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// coding is the 课堂观察 page: the tap pads with their timers while the
// record is a draft, the correction form and the figures.
func (s *module) coding(w http.ResponseWriter, r *http.Request) {
	v, err := s.codingView(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "observation_coding", web.Page{Title: "课堂观察：" + v.O.Topic,
		Crumbs: []web.Crumb{{Name: "听课评课", URL: "/observations"}, {Name: v.O.Topic, URL: fmt.Sprintf("/observations/%d", v.O.ID)}, {Name: "课堂观察"}}, Data: v})
}

// code is a tap (tick=0) or a timer tick (tick=1) of a pad.
func (s *module) code(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	_, err = s.Activity.Code(r.Context(), web.ActorOf(r), id, web.FormStr(r, "kind"), web.FormStr(r, "code"), web.FormStr(r, "tick") == "1")
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if r.Header.Get("HX-Request") != "true" {
		web.Redirect(w, r, fmt.Sprintf("/observations/%d/coding?run=%s", id, web.FormStr(r, "run")))
		return
	}
	s.coding(w, r)
}

// codes saves corrected sequences.
func (s *module) codes(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := s.Activity.SaveCodes(r.Context(), web.ActorOf(r), id, r.FormValue("st_codes"), r.FormValue("fias_codes")); err != nil {
		v, e := s.codingView(r)
		if e != nil {
			web.Fail(w, r, e)
			return
		}
		v.O.STCodes, v.O.FIASCodes = r.FormValue("st_codes"), r.FormValue("fias_codes")
		web.FormError(w, r, "observation_coding", web.Page{Title: "课堂观察：" + v.O.Topic, Data: v}, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/observations/%d/coding?saved=1", id))
}

// codingExport sends the coding and its figures as xlsx: the sequences,
// the figures and the FIAS matrix.
func (s *module) codingExport(w http.ResponseWriter, r *http.Request) {
	v, err := s.codingView(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !v.CodingOK {
		web.Fail(w, r, web.ErrInvalid("rule_key", v.RuleErr))
		return
	}
	rows := [][]string{{"课题", v.O.Topic, v.O.Date, v.O.TeacherName}, {"S-T 序列", v.O.STCodes}, {"弗兰德斯序列", v.O.FIASCodes}, {}}
	for _, f := range v.Figures {
		rows = append(rows, []string{f.Name, f.Value})
	}
	rows = append(rows, []string{}, append([]string{"弗兰德斯矩阵（行：前一编码，列：后一编码）"}, seq(1, 10)...))
	for i := 0; i < 10; i++ {
		row := []string{fmt.Sprintf("%d %s", i+1, v.Categories[i])}
		for j := 0; j < 10; j++ {
			row = append(row, strconv.Itoa(v.Matrix[i][j]))
		}
		rows = append(rows, row)
	}
	rows = append(rows, []string{}, []string{"S-T 曲线：第 n 次采样", "S 累计", "T 累计"})
	for i, p := range v.Coding.ST.Curve[1:] {
		rows = append(rows, []string{strconv.Itoa(i + 1), strconv.Itoa(p[0]), strconv.Itoa(p[1])})
	}
	web.SendTable(w, r, "课堂观察.xlsx", []string{"项目", "内容"}, rows)
}

func seq(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}
