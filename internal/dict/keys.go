package dict

import "jiaoyan/internal/app"

// dict sits below auth, so it names the core permissions it checks here;
// keys_test.go holds them equal to auth's.
const (
	// PermEdit is the permission to edit code tables (系统管理员):
	// auth.PermSystemConfig.
	PermEdit app.Perm = "system.config"
	// PermCalendarEdit is the permission to set a region's 校历:
	// auth.PermRegionEdit.
	PermCalendarEdit app.Perm = "region.edit"
)
