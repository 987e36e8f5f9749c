package web

import (
	"strings"
	"sync"
)

var (
	jobTitleMu sync.Mutex
	jobTitles  = map[string]string{}
)

// RegisterJobTitle names a module's job kind on the job page ("分析任务"
// for "quality.analyze"). Call it from the module's init.
func RegisterJobTitle(kind, title string) {
	jobTitleMu.Lock()
	defer jobTitleMu.Unlock()
	jobTitles[kind] = title
}

// JobTitle is the job page's title for kind: a registered title, 导出任务
// for exports, 导入任务 for the kit's imports ("import.*"), else 后台任务.
func JobTitle(kind string) string {
	jobTitleMu.Lock()
	t, ok := jobTitles[kind]
	jobTitleMu.Unlock()
	switch {
	case ok:
		return t
	case kind == KindExport:
		return "导出任务"
	case strings.HasPrefix(kind, importJobPrefix):
		return "导入任务"
	}
	return "后台任务"
}
