package org

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes; create, update
// and import read as 新增/修改/导入 + the object's name.
func init() {
	audit.RegisterObjects(map[string]string{"region": "行政区域", "org": "机构与学校", "person": "人员",
		"group": "教研组", "studio": "名师工作室", "import_batch": "导入批次"})
	audit.RegisterActions(map[string]string{"org.active": "启用或停用机构", "person.active": "启用或停用人员",
		"group.create": "报备教研组", "org.import": "导入机构与学校",
		"person.reveal": "查看完整证件号", "person.export_full": "导出含完整证件号的人员名单"})
	audit.RegisterFields("import_batch", map[string]string{"file_hash": "文件摘要"})
}
