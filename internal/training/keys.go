package training

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// The training permissions (权限).
const (
	PermCreditView   app.Perm = "training.credit_view"   // 查看学分台账与达标情况
	PermClaimCreate  app.Perm = "training.claim_create"  // 申报学分认定
	PermClaimApprove app.Perm = "training.claim_approve" // 审核学分认定
	PermCreditRules  app.Perm = "training.credit_rules"  // 设定学分折算与上限
	PermCreditImport app.Perm = "training.credit_import" // 导入国家、省平台培训证书
)

func init() {
	auth.RegisterPerms(
		app.PermDef{Code: PermCreditView, Name: "查看学分台账与达标情况"},
		app.PermDef{Code: PermClaimCreate, Name: "申报学分认定"},
		app.PermDef{Code: PermClaimApprove, Name: "审核学分认定"},
		app.PermDef{Code: PermCreditRules, Name: "设定学分折算与上限"},
		app.PermDef{Code: PermCreditImport, Name: "导入国家、省平台培训证书"},
	)
	auth.GrantByDefault(auth.RoleTeacher, PermCreditView, PermClaimCreate)
	auth.GrantByDefault(auth.RoleResearcher, PermCreditView, PermClaimCreate)
	// Administrators are teachers too and claim their own credits.
	auth.GrantByDefault(auth.RoleSchoolAdmin, PermCreditView, PermClaimCreate, PermClaimApprove)
	auth.GrantByDefault(auth.RoleCountyAdmin, PermCreditView, PermClaimCreate, PermClaimApprove, PermCreditRules,
		PermCreditImport)
	auth.GrantByDefault(auth.RoleCityAdmin, PermCreditView, PermClaimCreate, PermClaimApprove, PermCreditRules, PermCreditImport)
}

// SourceClaim is the credit ledger source of a teacher's claim.
const SourceClaim = "claim"

// SourceImport is the credit ledger source of an imported certificate.
const SourceImport = "import"

// The 校本研修方案 permissions.
const (
	PermPlanEdit   app.Perm = "training.plan_edit"   // 编制校本研修方案
	PermPlanReview app.Perm = "training.plan_review" // 校本研修方案备案
)

func init() {
	auth.RegisterPerms(app.PermDef{Code: PermPlanEdit, Name: "编制校本研修方案"}, app.PermDef{Code: PermPlanReview, Name: "校本研修方案备案"})
	auth.GrantByDefault(auth.RoleSchoolAdmin, PermPlanEdit)
	auth.GrantByDefault(auth.RoleCountyAdmin, PermPlanEdit, PermPlanReview)
	auth.GrantByDefault(auth.RoleCityAdmin, PermPlanEdit, PermPlanReview)
}

// PermTalentEdit records tier steps (梯级认定); the targets are read with
// PermCreditView.
const PermTalentEdit app.Perm = "training.talent_edit" // 记录梯级认定

func init() {
	auth.RegisterPerms(app.PermDef{Code: PermTalentEdit, Name: "记录梯级认定"})
	auth.GrantByDefault(auth.RoleCountyAdmin, PermTalentEdit)
	auth.GrantByDefault(auth.RoleCityAdmin, PermTalentEdit)
}

// PermProgramManage plans programs and completes them (培训项目管理).
const PermProgramManage app.Perm = "training.program_manage" // 管理培训项目

func init() {
	auth.RegisterPerms(app.PermDef{Code: PermProgramManage, Name: "管理培训项目"})
	auth.GrantByDefault(auth.RoleCountyAdmin, PermProgramManage)
	auth.GrantByDefault(auth.RoleCityAdmin, PermProgramManage)
}

// SourceProgram is the credit ledger source of a completed program.
const SourceProgram = "program"

// PermEnrolAssign enrols others: a school admin its teachers (学校指派),
// a county admin its nominees within the county's quota (名额推荐).
const PermEnrolAssign app.Perm = "training.enrol_assign" // 指派或推荐参训人员

func init() {
	auth.RegisterPerms(app.PermDef{Code: PermEnrolAssign, Name: "指派或推荐参训人员"})
	auth.GrantByDefault(auth.RoleSchoolAdmin, PermEnrolAssign)
	auth.GrantByDefault(auth.RoleCountyAdmin, PermEnrolAssign)
	auth.GrantByDefault(auth.RoleCityAdmin, PermEnrolAssign)
}
