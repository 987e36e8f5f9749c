package review

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// The review permissions (权限).
const (
	PermCampaignManage app.Perm = "review.campaign_manage" // 管理评审活动
	PermExpertManage   app.Perm = "review.expert_manage"   // 管理专家库
	PermSubmit         app.Perm = "review.submit"          // 申报评审项目
	PermRecommend      app.Perm = "review.recommend"       // 推荐与形式审查
	PermScore          app.Perm = "review.score"           // 评审打分
)

func init() {
	auth.RegisterPerms(
		app.PermDef{Code: PermCampaignManage, Name: "管理评审活动"},
		app.PermDef{Code: PermExpertManage, Name: "管理专家库"},
		app.PermDef{Code: PermSubmit, Name: "申报评审项目"},
		app.PermDef{Code: PermRecommend, Name: "推荐申报项目"},
		app.PermDef{Code: PermScore, Name: "评审打分"},
	)
	// The city and county offices run campaigns, keep the pool and
	// recommend; teachers and researchers submit, experts score.
	for _, r := range []string{auth.RoleCityAdmin, auth.RoleCountyAdmin} {
		auth.GrantByDefault(r, PermCampaignManage, PermExpertManage, PermRecommend)
	}
	auth.GrantByDefault(auth.RoleSchoolAdmin, PermRecommend, PermSubmit)
	auth.GrantByDefault(auth.RoleTeacher, PermSubmit)
	auth.GrantByDefault(auth.RoleResearcher, PermSubmit)
	auth.GrantByDefault(auth.RoleExpert, PermScore)
}
