package auth

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"jiaoyan/internal/app"
)

// The core permissions (权限). A module's own permissions live in its
// keys.go and are registered with RegisterPerms.
const (
	PermRegionView      app.Perm = "region.view"
	PermRegionEdit      app.Perm = "region.edit"
	PermOrgView         app.Perm = "org.view"
	PermOrgEdit         app.Perm = "org.edit"
	PermPersonView      app.Perm = "person.view"
	PermPersonEdit      app.Perm = "person.edit"
	PermPersonSensitive app.Perm = "person.sensitive" // sees 身份证号 and phone unmasked
	PermGroupView       app.Perm = "group.view"
	PermGroupEdit       app.Perm = "group.edit"
	PermAccountManage   app.Perm = "account.manage" // accounts for people in scope, business roles only
	PermRoleManage      app.Perm = "role.manage"    // 安全管理员: roles, administrator grants, unlocks
	PermAuditView       app.Perm = "audit.view"     // 审计管理员
	PermSystemConfig    app.Perm = "system.config"
	PermVisitView       app.Perm = "visit.view"     // 到校记录、培训记录、教研员工作量 (moves to liaison)
	PermVisitEdit       app.Perm = "visit.edit"     // 记录本人的到校与培训 (moves to liaison)
	PermLiaisonManage   app.Perm = "liaison.manage" // 联系学校轮次、蹲点视导安排、代他人记录 (moves to liaison)
	// PermNoticePublish is notify's notice.publish, named here because the
	// built-in administrators hold it and auth must not import notify
	// (notify's test holds the two equal).
	PermNoticePublish app.Perm = "notice.publish"
)

// PermNames are the Chinese names shown on the role pages, in display
// order: the core permissions, then each registered module's. Read it
// after start-up (package initialisation registers every module's).
var PermNames = []app.PermDef{
	{Code: PermRegionView, Name: "查看行政区域"}, {Code: PermRegionEdit, Name: "维护行政区域"},
	{Code: PermOrgView, Name: "查看机构与学校"}, {Code: PermOrgEdit, Name: "维护机构与学校"},
	{Code: PermPersonView, Name: "查看人员"}, {Code: PermPersonEdit, Name: "维护人员"},
	{Code: PermPersonSensitive, Name: "查看完整身份证号与手机号"},
	{Code: PermGroupView, Name: "查看教研组与工作室"}, {Code: PermGroupEdit, Name: "维护教研组与工作室"},
	{Code: PermAccountManage, Name: "管理账号（业务角色）"}, {Code: PermRoleManage, Name: "管理角色与授权（安全管理）"},
	{Code: PermAuditView, Name: "查看审计日志"}, {Code: PermSystemConfig, Name: "系统配置"},
	{Code: PermVisitView, Name: "查看到校记录与教研员工作量"}, {Code: PermVisitEdit, Name: "记录本人到校与培训"},
	{Code: PermLiaisonManage, Name: "管理联系学校与蹲点视导"},
	{Code: PermNoticePublish, Name: "发布通知公告与查看回执"},
}

var permMu sync.Mutex

// RegisterPerms adds a module's permissions to PermNames. Call it from the
// module's init. Registering a key again with the same name does nothing;
// with another name, or an empty one, it panics: two modules would be
// claiming one key.
func RegisterPerms(defs ...app.PermDef) {
	permMu.Lock()
	defer permMu.Unlock()
	for _, d := range defs {
		i := slices.IndexFunc(PermNames, func(p app.PermDef) bool { return p.Code == d.Code })
		switch {
		case d.Code == "" || d.Name == "":
			panic(fmt.Sprintf("auth.RegisterPerms: permission %q needs a key and a Chinese name", d.Code))
		case i >= 0 && PermNames[i].Name != d.Name:
			panic(fmt.Sprintf("auth.RegisterPerms: permission %q registered twice with different names", d.Code))
		case i < 0:
			PermNames = append(PermNames, d)
		}
	}
}

// KnownPerm reports whether p is a registered permission.
func KnownPerm(p app.Perm) bool {
	return PermName(p) != ""
}

// PermName returns the Chinese name of p, or "" for an unknown key.
func PermName(p app.Perm) string {
	for _, d := range PermNames {
		if d.Code == p {
			return d.Name
		}
	}
	return ""
}

// SplitPerms parses a stored comma-separated permission list.
func SplitPerms(s string) []app.Perm {
	var out []app.Perm
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, app.Perm(p))
		}
	}
	return out
}

// JoinPerms is the stored form of ps, as SplitPerms reads it.
func JoinPerms(ps []app.Perm) string {
	ss := make([]string, len(ps))
	for i, p := range ps {
		ss[i] = string(p)
	}
	return strings.Join(ss, ",")
}
