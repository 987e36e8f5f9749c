package dict

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"dict": "代码表条目", "calendar": "校历"})
	audit.RegisterActions(map[string]string{"dict.save": "修改代码表", "calendar.save": "设置校历"})
	audit.RegisterValues("启用", map[string]string{"true": "是", "false": "否"})
}

// tableTitle is the Chinese title of a code table (职称 for "title").
func tableTitle(name string) string {
	for _, t := range Tables() {
		if t.Name == name {
			return t.Title
		}
	}
	return "代码表"
}
