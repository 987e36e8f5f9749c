package exchange

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	ok := map[string]string{
		"2024-09-01":           "2024-09-01",
		"2024-9-1":             "2024-09-01",
		"2024/9/1":             "2024-09-01",
		"2024.9.1":             "2024-09-01",
		"2024年9月1日":            "2024-09-01",
		"2024 年 9 月 1 日":       "2024-09-01",
		"2024年09月01号":          "2024-09-01",
		"20240901":             "2024-09-01",
		"２０２４－０９－０１":           "2024-09-01",
		" 2024-09-01 08:30:00": "2024-09-01",
		"45536":                "2024-09-01",
		"45536.75":             "2024-09-01",
		"1":                    "1900-01-01",
		"59":                   "1900-02-28",
		"61":                   "1900-03-01",
		"2024-02-29":           "2024-02-29",
	}
	for in, want := range ok {
		got, err := ParseDate(in)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "下周", "2023-02-29", "2024-13-01", "2024/9", "9/1/2024", "0", "-5", "1e5", "99999999", "1800-01-01", "60", "NaN"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", in, got)
		}
	}
}

func TestDate1904Serials(t *testing.T) {
	got, err := parseDate("43708", true) // 45170 in the 1900 system
	if err != nil || got.Format("2006-01-02") != "2023-09-01" {
		t.Errorf("1904 serial = %v %v", got, err)
	}
}

func TestNormalizeText(t *testing.T) {
	cases := map[string]string{
		"  张三\u00a0":     "张三",
		"\u3000李　四\t":    "李 四",
		"ＡＢＣ１２３":         "ABC123",
		"a\u200bb\ufeff": "ab",
		"一级教师（中学）":       "一级教师(中学)",
		"line1\r\nline2": "line1 line2",
		"":               "",
		"\xff张三":         "张三",
	}
	for in, want := range cases {
		if got := NormalizeText(in); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseNumbersAndBools(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, "１２": 12, " 1,200 ": 1200, "7.0": 7, "-3": -3} {
		if got, err := ParseInt(in); err != nil || got != want {
			t.Errorf("ParseInt(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "1.5", "abc", "1e3", "99999999999999999999"} {
		if _, err := ParseInt(in); err == nil {
			t.Errorf("ParseInt(%q) accepted", in)
		}
	}
	for in, want := range map[string]string{"1.50": "1.5", "-3.5": "-3.5", "1E+3": "1000", "１２．５": "12.5", "0.1": "0.1", "-0": "0", "2,000.00": "2000"} {
		if got, err := ParseDecimal(in); err != nil || got != want {
			t.Errorf("ParseDecimal(%q) = %q, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1/2", "0x10", "--1"} {
		if _, err := ParseDecimal(in); err == nil {
			t.Errorf("ParseDecimal(%q) accepted", in)
		}
	}
	for in, want := range map[string]bool{"是": true, "√": true, "Y": true, "ｙｅｓ": true, "1": true, "否": false, "×": false, "N": false, "无": false} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseBool("也许"); err == nil || !strings.Contains(err.Error(), "是 或 否") {
		t.Errorf("ParseBool(也许) err = %v", err)
	}
}

func TestIDAndCodeCells(t *testing.T) {
	id := validID("11010519491231002")
	cases := []struct {
		kind     Kind
		in, want string
		errPart  string
	}{
		{KindID, " " + strings.ToLower(validID("44010619850101002")) + " ", strings.ToUpper(validID("44010619850101002")), ""},
		{KindID, "１１０１０５１９４９１２３１００２" + id[17:], id, ""},
		{KindID, "110105491231002", "110105491231002", ""},
		{KindID, id[:17] + "0", "", "校验位不正确"},
		{KindID, "1101051949", "", "应为 18 位"},
		{KindID, "4.40106199001011E+17", "", "存成了数字"},
		{KindID, "440106199001011000.0", "", "存成了数字"},
		{KindCode, "00123", "00123", ""},
		{KindCode, "123.0", "123", ""},
		{KindCode, "1.23456789012E+19", "", "工号被 Excel 存成了数字"},
		{KindCode, "T-01/2", "T-01/2", ""},
		{KindCode, "张三", "", "只能包含"},
	}
	for _, c := range cases {
		got, err := normalizeCell(Column{Header: "工号", Kind: c.kind}, c.in, false)
		if c.errPart == "" && (err != nil || got != c.want) {
			t.Errorf("%q → %q, %v; want %q", c.in, got, err, c.want)
		}
		if c.errPart != "" && (err == nil || !strings.Contains(err.Error(), c.errPart)) {
			t.Errorf("%q → %q, %v; want error with %q", c.in, got, err, c.errPart)
		}
	}
}

func TestEnumMatchesTolerantly(t *testing.T) {
	c := Column{Header: "学段", Kind: KindEnum, Options: []string{"小学", "初中", "Senior High"}}
	for in, want := range map[string]string{" 小学 ": "小学", "ｓｅｎｉｏｒ ｈｉｇｈ": "Senior High", "seniorhigh": "Senior High"} {
		if got, err := normalizeCell(c, in, false); err != nil || got != want {
			t.Errorf("%q → %q, %v", in, got, err)
		}
	}
	if _, err := normalizeCell(c, "大学", false); err == nil || !strings.Contains(err.Error(), "小学、初中、Senior High") {
		t.Errorf("大学 → %v", err)
	}
}

func TestEnumResolveHook(t *testing.T) {
	old := map[string]string{"中学高级教师": "senior", "高级教师": "senior"}
	c := Column{Header: "职称", Kind: KindEnum, Options: []string{"高级教师"}, Resolve: func(s string) (string, bool) {
		v, ok := old[s]
		return v, ok
	}}
	if got, err := normalizeCell(c, " 中学高级教师 ", false); err != nil || got != "senior" {
		t.Errorf("resolve = %q, %v", got, err)
	}
	if _, err := normalizeCell(c, "特级", false); err == nil || !strings.Contains(err.Error(), "高级教师") {
		t.Errorf("unresolved = %v", err)
	}
}

func TestBlankTextAgreesWithNormalizeText(t *testing.T) {
	for _, s := range []string{"", " ", "\u00a0\u3000\t\r\n", "\u200b\ufeff", " a ", "\u3000张", "\xff", "０"} {
		if blankText(s) != (NormalizeText(s) == "") {
			t.Errorf("blankText(%q) = %v but NormalizeText = %q", s, blankText(s), NormalizeText(s))
		}
	}
}
