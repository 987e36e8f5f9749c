package web

import "testing"

func TestJobTitleNamesWhatTheJobDoes(t *testing.T) {
	RegisterJobTitle("test.analyze", "分析任务")
	for kind, want := range map[string]string{"test.analyze": "分析任务", KindExport: "导出任务",
		"import.people": "导入任务", "test.unknown": "后台任务"} {
		if got := JobTitle(kind); got != want {
			t.Errorf("JobTitle(%q) = %q, want %q", kind, got, want)
		}
	}
}
