package liaison

import "jiaoyan/internal/auth"

// The liaison permissions (权限). Code and routes of liaison, its pages and
// the report tier use these names. Their keys and Chinese names are still
// registered by auth, whose built-in roles grant them; they move here in
// full once auth lets a module grant its permissions to the built-in roles.
const (
	PermVisitView     = auth.PermVisitView     // 查看到校记录与教研员工作量
	PermVisitEdit     = auth.PermVisitEdit     // 记录本人到校与培训
	PermLiaisonManage = auth.PermLiaisonManage // 管理联系学校与蹲点视导
)

// SourceTraining is the credit ledger source of a researcher's own
// training entries.
const SourceTraining = "liaison.training"
