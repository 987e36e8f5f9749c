package quality

import (
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// The quality permissions (权限).
const (
	PermView   app.Perm = "quality.view"   // 查看质量监测考试与报告（本范围内的汇总）
	PermManage app.Perm = "quality.manage" // 管理质量监测考试、试卷与成绩导入、运行分析
	// PermStudents opens region-wide student records with their ranks
	// (未成年人学校保护规定). No built-in role holds it; a security
	// administrator grants it to a bureau role, and every opening is audited.
	PermStudents app.Perm = "quality.students"
)

func init() {
	auth.RegisterPerms(
		app.PermDef{Code: PermView, Name: "查看质量监测报告"},
		app.PermDef{Code: PermManage, Name: "管理质量监测考试与成绩"},
		app.PermDef{Code: PermStudents, Name: "查看全区学生成绩与排名"},
	)
	for _, r := range []string{auth.RoleCityAdmin, auth.RoleCountyAdmin, auth.RoleSchoolAdmin, auth.RoleResearcher} {
		auth.GrantByDefault(r, PermView)
	}
	auth.GrantByDefault(auth.RoleCityAdmin, PermManage)
	auth.GrantByDefault(auth.RoleCountyAdmin, PermManage)
	auth.GrantByDefault(auth.RoleSchoolAdmin, PermManage) // for the exams a school organises itself
}
