package dict

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"dict": "代码表条目", "calendar": "校历"})
	audit.RegisterActions(map[string]string{"dict.save": "修改代码表", "calendar.save": "设置校历"})
	audit.RegisterValues("启用", map[string]string{"true": "是", "false": "否"})
}
