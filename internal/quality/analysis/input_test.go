package analysis

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jiaoyan/internal/app"
)

func TestCSVScannerQuotesCRLFAndBlankLines(t *testing.T) {
	in := "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",x,\r\nlast,row"
	s := newCSVScanner(strings.NewReader(in), nil)
	s.buf = make([]byte, 4) // force refills in the middle of records
	var got [][]string
	for {
		rec, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var row []string
		for _, f := range rec {
			row = append(row, string(f))
		}
		got = append(got, row)
	}
	want := [][]string{{"a", "b,1", `say "hi"`}, {"multi\nline", "x", ""}, {"last", "row"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// The fast path (plain numeric lines) and the general path (quoted lines,
// letters, spaces) must give the same dataset.
func TestQuotedAndPlainRowsGiveTheSameResult(t *testing.T) {
	quoted := strings.ReplaceAll(fixtureScores, ",2,2,6\n", ",\"2\", 2 ,\"6\"\n")
	a := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	b := analyzeCSV(t, fixtureItems, quoted, fixtureSettings())
	if quoted == fixtureScores || jsonOf(t, a) != jsonOf(t, b) {
		t.Error("quoted row changed the statistics")
	}
}

func TestEncodings(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(fixtureScores)
	if err != nil {
		t.Fatal(err)
	}
	want := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	for name, scores := range map[string]string{"GB18030": gb, "UTF-8 BOM": "\ufeff" + fixtureScores} {
		got := analyzeCSV(t, fixtureItems, scores, fixtureSettings())
		if jsonOf(t, got) != jsonOf(t, want) || got.Data.Counties[0].Name != "乙县" {
			t.Errorf("%s: results differ from UTF-8 (counties %v)", name, got.Data.Counties)
		}
	}
}

func TestHeaderAliasesAndFullWidth(t *testing.T) {
	items := "subject,item,full_marks,kind\nmath,Q1,5,subjective\n"
	scores := "Student_ID,COUNTY,school,class,subject,第１题\nx1,c,s,k,math,4.5\nx2,c,s,k,math,\n"
	r := analyzeCSV(t, items, scores, DefaultSettings())
	g := r.find(t, Region, "", "", "", "math")
	if g.N != 2 || g.Mean != 2.25 {
		t.Errorf("n=%d mean=%v, want 2 and 2.25 (blank counts as 0)", g.N, g.Mean)
	}
}

func TestScoreErrorsNameRowAndColumn(t *testing.T) {
	cases := []struct {
		name, scores string
		row          int
		field, msg   string
	}{
		{"over full", "考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,班,数学,3,0,0\n", 2, "第1题", "超过本题满分"},
		{"not half", "考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,班,数学,1,0,0\nS2,县,校,班,数学,1.3,0,0\n", 3, "第1题", "0.5分的整数倍"},
		{"word", "考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,班,数学,1,x,0\n", 2, "第2题", "不是有效的分数"},
		{"subject", "考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,班,物理,1,0,0\n", 2, "科目", "不在题目表中"},
		{"duplicate", "考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,班,数学,1,0,0\nS1,县,校,班,数学,1,0,0\n", 3, "考号", "重复"},
		{"moved", "考号,县区,学校,班级,科目,第1题,第2题,第3题\nS1,县,校,1班,数学,1,0,0\nS1,县,校,2班,语文,1,0,0\n", 3, "班级", "不一致"},
		{"empty id", "考号,县区,学校,班级,科目,第1题,第2题,第3题\n,县,校,班,数学,1,0,0\n", 2, "考号", "不能为空"},
		{"missing item column", "考号,县区,学校,班级,科目,第1题,第2题\nS1,县,校,班,数学,1,0\n", 1, "3", "缺少"},
		{"missing class column", "考号,县区,学校,科目,第1题,第2题,第3题\n", 1, "班级", "缺少"},
	}
	p := writeFiles(t, map[string]string{"items.csv": fixtureItems})
	ex, err := ReadExam(p["items.csv"])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		f := writeFiles(t, map[string]string{"s.csv": c.scores})
		_, err := ReadScores(f["s.csv"], ex, nil)
		var e *app.Error
		if !errors.As(err, &e) || e.Code != app.EINVALID || e.Row != c.row || e.Field != c.field || !strings.Contains(e.Message, c.msg) {
			t.Errorf("%s: got %#v, want row %d field %s message containing %q", c.name, err, c.row, c.field, c.msg)
		}
	}
}

func TestItemsFileErrors(t *testing.T) {
	cases := map[string]string{
		"满分":     "科目,题号,满分,题型\n数学,1,0,主观\n",
		"题型":     "科目,题号,满分,题型\n数学,1,2,填空\n",
		"题号":     "科目,题号,满分,题型\n数学,1,2,主观\n数学,第1题,2,主观\n",
		"答案":     "科目,题号,满分,题型,答案,选项\n数学,1,2,客观,E,ABCD\n",
		"column": "科目,题号,题型\n数学,1,主观\n",
	}
	for field, items := range cases {
		f := writeFiles(t, map[string]string{"i.csv": items})
		_, err := ReadExam(f["i.csv"])
		var e *app.Error
		if !errors.As(err, &e) || e.Code != app.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", field, err)
			continue
		}
		if field != "column" && (e.Field != field || e.Row != 2 && e.Row != 3) {
			t.Errorf("%s: error names field %q row %d: %s", field, e.Field, e.Row, e.Message)
		}
	}
}

func TestParseHalf(t *testing.T) {
	good := map[string]int32{"0": 0, "7": 14, "12.5": 25, "12.0": 24, "3.50": 7, " 4 ": 8, ".5": 1}
	for in, want := range good {
		if v, ok := parseHalf([]byte(in)); !ok || v != want {
			t.Errorf("parseHalf(%q) = %d %v, want %d", in, v, ok, want)
		}
	}
	for _, in := range []string{"", "-1", "1.3", "1.55", "a", "1.", "."} {
		if _, ok := parseHalf([]byte(in)); ok {
			t.Errorf("parseHalf(%q) accepted", in)
		}
	}
}

// jsonOf returns the JSON report as a string.
func jsonOf(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Rows in any order (here reversed and interleaved by student) must match
// students exactly as rows grouped by subject do.
func TestRowOrderDoesNotMatter(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(fixtureScores, "\n"), "\n")
	body := lines[1:]
	var shuffled []string
	for i := len(body) - 1; i >= 0; i -= 2 {
		shuffled = append(shuffled, body[i])
	}
	for i := len(body) - 2; i >= 0; i -= 2 {
		shuffled = append(shuffled, body[i])
	}
	other := lines[0] + "\n" + strings.Join(shuffled, "\n") + "\n"
	a := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	b := analyzeCSV(t, fixtureItems, other, fixtureSettings())
	if len(b.Data.Students) != 6 || jsonOf(t, a) != jsonOf(t, b) {
		t.Errorf("reordered rows give %d students or different figures", len(b.Data.Students))
	}
}

// Exports often carry a title line above the header; error rows still count it.
func TestTitleRowsAboveTheHeader(t *testing.T) {
	titled := "2025学年第一学期期末质量监测成绩,,,\n导出时间：2026-01-20\n" + fixtureScores
	a := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	b := analyzeCSV(t, "题目表\n"+fixtureItems, titled, fixtureSettings())
	if jsonOf(t, a) != jsonOf(t, b) {
		t.Error("a title row changed the results")
	}
	p := writeFiles(t, map[string]string{"i.csv": fixtureItems, "s.csv": strings.Replace(titled, "2,2,6", "2,2,7", 1)})
	ex, _ := ReadExam(p["i.csv"])
	_, err := ReadScores(p["s.csv"], ex, nil)
	var e *app.Error
	if !errors.As(err, &e) || e.Row != 4 {
		t.Errorf("error row = %v, want 4 (title, date, header, first student)", err)
	}
}

// The fast path must agree with the general one on CRLF line ends, a row cut
// short (missing trailing cells are blank), extra columns after the items and
// a last line without a line end.
func TestFastPathEdgeCases(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(fixtureScores, "\n"), "\n")
	for i := range lines {
		lines[i] += ",备注"
	}
	crlf := strings.Join(lines, "\r\n")
	want := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	if got := analyzeCSV(t, fixtureItems, crlf, fixtureSettings()); jsonOf(t, got) != jsonOf(t, want) {
		t.Error("CRLF, trailing column or missing final newline changed the results")
	}
	short := strings.Replace(fixtureScores, "S1,甲县,一中,1班,语文,,8,,\n", "S1,甲县,一中,1班,语文,,8\n", 1)
	if got := analyzeCSV(t, fixtureItems, short, fixtureSettings()); jsonOf(t, got) != jsonOf(t, want) {
		t.Error("a row without its trailing empty cells changed the results")
	}
	cells := make([]uint8, 4)
	for in, ok := range map[string]bool{"1,2.5,,3": true, "1,2.5": true, "1,2.,3,4": false, "1, 2,3,4": false, "1000,1": false, "1,2.5,3,4,9": true} {
		if got := parseRest([]byte(in), cells, []int32{200, 200, 200, 200}); got != ok {
			t.Errorf("parseRest(%q) = %v, want %v", in, got, ok)
		}
	}
}

// An export without a 缺考 column that writes 缺考 into the total instead.
func TestAbsentWrittenInTheTotalColumn(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(fixtureScores, "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		f := strings.Split(l, ",")
		total := ""
		switch {
		case i == 0:
			total = "总分"
		case f[5] == "1":
			total = "缺考"
		}
		f = append(f[:5:5], append(f[6:], total)...) // drop the 缺考 column, add 总分 last
		b.WriteString(strings.Join(f, ",") + "\n")
	}
	want := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	got := analyzeCSV(t, fixtureItems, b.String(), fixtureSettings())
	if g := got.find(t, Region, "", "", "", "数学"); g.Absent != 1 || jsonOf(t, got) != jsonOf(t, want) {
		t.Errorf("缺考 in 总分: absent = %d, or results differ", g.Absent)
	}
}
