package training

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this module writes.
func init() {
	audit.RegisterObjects(map[string]string{"claim": "学分认定申请"})
	audit.RegisterActions(map[string]string{"claim.create": "申报学分认定", "claim.approve": "学校审核学分认定",
		"claim.attach": "上传培训证书", "credit.import": "导入培训证书"})
}
