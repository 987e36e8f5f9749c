package credit

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{ObjectType: "学时记录", "credit_rule": "学分规则"})
	audit.RegisterActions(map[string]string{"credit.create": "记录学时", "credit.approved": "认定学时记录",
		"credit.returned": "退回学时记录", "credit.rule": "设定学分规则"})
}
