package rectify

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// The rectification permissions (权限).
const (
	PermView   app.Perm = "rectify.view"   // 查看整改（本范围内）
	PermEdit   app.Perm = "rectify.edit"   // 填写本单位的整改：二次解读、问题调研、整改方案、整改落实
	PermReview app.Perm = "rectify.review" // 整改跟踪：复核下级单位的整改
)

func init() {
	auth.RegisterPerms(
		app.PermDef{Code: PermView, Name: "查看整改"},
		app.PermDef{Code: PermEdit, Name: "填写本单位整改"},
		app.PermDef{Code: PermReview, Name: "复核整改（整改跟踪）"},
	)
	auth.GrantByDefault(auth.RoleSchoolAdmin, PermView, PermEdit)
	auth.GrantByDefault(auth.RoleCountyAdmin, PermView, PermEdit, PermReview)
	auth.GrantByDefault(auth.RoleCityAdmin, PermView, PermReview)
	auth.GrantByDefault(auth.RoleResearcher, PermView)
}
