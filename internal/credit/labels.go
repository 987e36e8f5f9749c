package credit

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{ObjectType: "学时记录"})
	audit.RegisterActions(map[string]string{"credit.create": "记录学时"})
}
