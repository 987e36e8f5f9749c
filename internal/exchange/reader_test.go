package exchange

import (
	"strings"
	"testing"
)

func TestReadTemplateStyleSheet(t *testing.T) {
	id := validID("44010619900101123")
	data := oneSheet(t,
		[]any{"2025 年教师信息登记表"},
		[]any{"说明：带 * 的列必填"},
		[]any{"姓名*", " 身份证号码（必填）", "出生日期", "职称", "工号", "是否骨干", "学时", "备注"},
		[]any{"  张　三\u00a0", id, 45536, "一级教师", "００１２", "√", -3.5, "x"},
		[]any{},
		[]any{"李四", strings.ToLower(validID("44010619850101002")), "2024年9月1日", "高级教师", 12, "否", "1,200"},
	)
	rd, rows := readAll(t, "教师.xlsx", data, teacherSpec)
	if rd.Layout().HeaderRow != 3 {
		t.Fatalf("header row = %d, want 3", rd.Layout().HeaderRow)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2 (blank row skipped)", len(rows))
	}
	r := rows[0]
	want := map[string]string{"name": "张 三", "id_card": id, "birth": "2024-09-01", "title": "一级教师", "staff_no": "0012", "backbone": "是", "hours": "-3.5"}
	for k, v := range want {
		if r.Values[k] != v {
			t.Errorf("row 4 %s = %q, want %q", k, r.Values[k], v)
		}
	}
	if r.Num != 4 || len(r.Errors) != 0 {
		t.Errorf("row num %d errors %v", r.Num, r.Errors)
	}
	if rows[1].Num != 6 || rows[1].Values["hours"] != "1200" || rows[1].Values["staff_no"] != "12" || len(rows[1].Errors) != 0 {
		t.Errorf("row 6 = %+v", rows[1])
	}
}
