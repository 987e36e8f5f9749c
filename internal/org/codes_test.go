package org

import "testing"

func TestCheckIDNumber(t *testing.T) {
	cases := map[string]string{
		"11010519491231002X": "",
		"110105194912310021": "身份证号校验位不正确，请核对",
		"11010519491331002X": "身份证号中的出生日期无效",
		"1101051949123100":   "身份证号应为 18 位",
		"1101051949A231002X": "身份证号前 17 位应为数字",
	}
	for id, want := range cases {
		if got := CheckIDNumber(id); got != want {
			t.Errorf("%s: got %q want %q", id, got, want)
		}
	}
	if NormalizeIDNumber(" １１０１０５１９４９１２３１００２ｘ ") != "11010519491231002X" {
		t.Error("full-width ID not normalised")
	}
}

func TestCheckSchoolCode(t *testing.T) {
	if CheckSchoolCode("2330300001", "330302") != "" {
		t.Error("valid Zhejiang school code rejected")
	}
	if CheckSchoolCode("2144030001", "330302") == "" {
		t.Error("school code from another province accepted")
	}
	if CheckSchoolCode("21330300", "330302") == "" {
		t.Error("short school code accepted")
	}
}
