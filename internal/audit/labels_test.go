package audit

import (
	"reflect"
	"testing"
)

// TestActionLabels names registered codes, composes generic verbs with a
// registered object type, and never shows an unregistered code.
func TestActionLabels(t *testing.T) {
	RegisterActions(map[string]string{"t.login": "登录"})
	RegisterObjects(map[string]string{"tvisit": "到校记录"})
	for code, want := range map[string]string{"t.login": "登录", "tvisit.create": "新增到校记录",
		"tvisit.import": "导入到校记录", "tvisit.frobnicate": OtherAction, "nobody.create": OtherAction} {
		if got := ActionLabel(code); got != want {
			t.Errorf("ActionLabel(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestChangeLines shows only changed fields, in Chinese, with coded values
// named and the version left out.
func TestChangeLines(t *testing.T) {
	RegisterFields("trole", map[string]string{"Name": "名称", "Roles": "角色", "Enabled": "启用", "": "角色"})
	RegisterValues("角色", map[string]string{"county_admin": "县级管理员", "teacher": "教师"})
	got := ChangeLines("trole", `{"Name":"甲","Roles":["teacher"],"Enabled":true,"版本":"1"}`,
		`{"Name":"甲","Roles":["teacher","county_admin"],"Enabled":false,"版本":"2"}`)
	want := []string{"启用：是 → 否", "角色：教师 → 教师、县级管理员"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("update: got %q, want %q", got, want)
	}
	if got := ChangeLines("trole", `"教师"`, `"county_admin,teacher"`); !reflect.DeepEqual(got, []string{"角色：教师 → 县级管理员、教师"}) {
		t.Errorf("bare values: got %q", got)
	}
	if got := ChangeLines("trole", "", `{"Name":"乙","Other":"x"}`); !reflect.DeepEqual(got, []string{"其他字段：x", "名称：乙"}) {
		t.Errorf("create: got %q", got)
	}
	if got := ChangeLines("trole", `{"姓名":"丙"}`, ""); !reflect.DeepEqual(got, []string{"姓名：丙 → （空）"}) {
		t.Errorf("delete: got %q", got)
	}
}
