package activity

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// The activity permissions (权限). Seeing the activities open to one and
// signing up needs no permission: every signed-in person may.
const (
	PermManage app.Perm = "activity.manage" // 组织教研活动
	PermReview app.Perm = "activity.review" // 审核教研活动成果
	PermKinds  app.Perm = "activity.kinds"  // 维护活动类型 (the region's code table)
)

// KindObject is the audit object type of an activity kind.
const KindObject = "activity_kind"

// SourceAttendance is the credit ledger source of attendance (签到) rows.
const SourceAttendance = "activity.attendance"

// ObjectType is the audit object type of an activity.
const ObjectType = "activity"

// CheckinKind is the session kind of an activity's 签到码.
const CheckinKind = "activity"

// TableKind is the code table of activity kinds (活动类型) a region edits.
const TableKind = "activity_kind"

func init() {
	auth.RegisterPerms(app.PermDef{Code: PermManage, Name: "组织教研活动"}, app.PermDef{Code: PermReview, Name: "审核教研活动成果"},
		app.PermDef{Code: PermKinds, Name: "维护活动类型"})
	auth.GrantByDefault(auth.RoleCityAdmin, PermKinds)
	for _, r := range []string{auth.RoleCityAdmin, auth.RoleCountyAdmin, auth.RoleSchoolAdmin, auth.RoleResearcher} {
		auth.GrantByDefault(r, PermManage)
	}
	auth.GrantByDefault(auth.RoleCityAdmin, PermReview)
	auth.GrantByDefault(auth.RoleCountyAdmin, PermReview)
}
