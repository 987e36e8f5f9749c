package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"

	"jiaoyan/internal/auth"
)

// Account is a sample sign-in account the demo opened.
type Account struct {
	Username string
	Password string // initial password; it must be changed at first sign-in
	Role     string // role code
	RoleName string
	Person   string // 姓名（单位）, or "" for the 三员 accounts
	Sees     string // whose data the account sees
}

// accountPlan is a sample account to open for x (nil: a 三员 account).
type accountPlan struct {
	username, role, roleName, sees string
	x                              *person
}

// sampleAccounts picks the people behind the sample accounts: one per 三员
// role, the city administrator, two county administrators (the second in a
// 山区县 when there is one), two school administrators, three researchers,
// three teachers and an expert.
func (g *gen) sampleAccounts() []accountPlan {
	c := g.cities[0]
	k1, k2 := c.counties[0], c.counties[len(c.counties)-1]
	for _, k := range c.counties {
		if k.mountain {
			k2 = k
			break
		}
	}
	s1, s2 := g.bigSchool(k1), g.ruralSchool(k2)
	out := []accountPlan{
		{"demo.sys", auth.RoleSysAdmin, "系统管理员", "全部（系统配置、机构与人员维护；登录须绑定双因素认证）", nil},
		{"demo.sec", auth.RoleSecAdmin, "安全管理员", "全部（账号与授权；登录须绑定双因素认证）", nil},
		{"demo.audit", auth.RoleAuditor, "审计管理员", "审计日志（登录须绑定双因素认证）", nil},
		{"demo.city", auth.RoleCityAdmin, "市级管理员", c.name + "全市", g.staffOf(c.name + "教育局")},
		{"demo.county1", auth.RoleCountyAdmin, "县级管理员", k1.name + "全域", g.staffOf(k1.prefix + "教育局")},
		{"demo.county2", auth.RoleCountyAdmin, "县级管理员", k2.name + "全域" + mountainNote(k2), g.staffOf(k2.prefix + "教育局")},
		{"demo.school1", auth.RoleSchoolAdmin, "学校管理员", s1.name, g.senior(s1.teachers)},
		{"demo.school2", auth.RoleSchoolAdmin, "学校管理员", s2.name + "及其教学点", g.senior(s2.teachers)},
		{"demo.jyy1", auth.RoleResearcher, "教研员", c.name + "全市（专职）", g.staffOf(c.name + "教育教学研究院")},
		{"demo.jyy2", auth.RoleResearcher, "教研员", k2.name + "全域（专职）", g.staffOf(k2.prefix + "教师发展中心")},
	}
	pt := g.partTimer(k1)
	out = append(out, accountPlan{"demo.jyy3", auth.RoleResearcher, "教研员", pt.school.name + "（兼职教研员所在学校）", pt})
	for i, x := range []*person{g.plain(s1.teachers), g.plain(s2.teachers), g.pointTeacher()} {
		out = append(out, accountPlan{fmt.Sprintf("demo.teacher%d", i+1), auth.RoleTeacher, "教师", "仅本人", x})
	}
	return append(out, accountPlan{"demo.expert", auth.RoleExpert, "专家", "仅本人（评审任务）", g.expert()})
}

func mountainNote(k *county) string {
	if k.mountain {
		return "（山区县）"
	}
	return ""
}

func (g *gen) staffOf(orgName string) *person {
	for _, x := range g.people {
		if x.orgKey == orgName {
			return x
		}
	}
	return nil
}

// senior is the highest-ranked of ps, the school's administrator.
func (g *gen) senior(ps []*person) *person {
	best := ps[0]
	for _, x := range ps {
		if rank(x) > rank(best) && x.p.ResearcherKind == "" && !x.p.Expert {
			best = x
		}
	}
	return best
}

// plain is the last teacher of ps who is neither researcher, expert nor the
// school's administrator, so nobody gets two sample accounts.
func (g *gen) plain(ps []*person) *person {
	head := g.senior(ps)
	for i := len(ps) - 1; i >= 0; i-- {
		if x := ps[i]; x != head && x.p.ResearcherKind == "" && !x.p.Expert {
			return x
		}
	}
	return ps[0]
}

func (g *gen) bigSchool(k *county) *school {
	best := k.schools[0]
	for _, s := range k.schools {
		if len(s.teachers) > len(best.teachers) {
			best = s
		}
	}
	return best
}

// ruralSchool is a school with teaching points in k, or any rural school.
func (g *gen) ruralSchool(k *county) *school {
	var rural *school
	for _, s := range k.schools {
		if s.kind == kPoint {
			return s.parent
		}
		if rural == nil && s.locale == "rural" {
			rural = s
		}
	}
	if rural == nil {
		return k.schools[0]
	}
	return rural
}

func (g *gen) partTimer(k *county) *person {
	for _, x := range g.people {
		if x.county == k && x.p.ResearcherKind == "parttime" {
			return x
		}
	}
	return g.people[len(g.people)-1]
}

func (g *gen) pointTeacher() *person {
	for _, s := range g.schools {
		if s.kind == kPoint {
			return s.teachers[0]
		}
	}
	return g.schools[len(g.schools)-1].teachers[0]
}

func (g *gen) expert() *person {
	for _, x := range g.people {
		if x.p.Expert && x.school != nil && x.p.ResearcherKind == "" {
			return x
		}
	}
	return g.staffOf(g.cities[0].name + "教育教学研究院")
}

// openAccounts creates the sample accounts with fresh random passwords,
// as many at once as there are cores: each account's argon2id hash (about
// 0.3 s at the production cost) is computed outside the write transaction,
// so the hashes run side by side while the writes still queue. The list
// keeps the plans' order.
func openAccounts(ctx context.Context, a *auth.Service, plans []accountPlan) ([]Account, error) {
	out := make([]Account, len(plans))
	errs := make([]error, len(plans))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(plans)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = openAccount(ctx, a, plans[i])
			}
		}()
	}
	for i := range plans {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func openAccount(ctx context.Context, a *auth.Service, p accountPlan) (Account, error) {
	pw := password()
	var err error
	if p.x == nil {
		_, err = a.CreateAdmin(ctx, p.username, pw, p.role)
	} else {
		_, err = a.CreateAccount(ctx, builder, auth.AccountInput{PersonID: p.x.id, Username: p.username, Password: pw,
			Roles: []string{p.role}})
	}
	if err != nil {
		return Account{}, fmt.Errorf("开通账号 %s：%w", p.username, err)
	}
	acc := Account{Username: p.username, Password: pw, Role: p.role, RoleName: p.roleName, Sees: p.sees}
	if p.x != nil {
		acc.Person = p.x.p.Name + "（" + orgName(p.x) + "）"
	}
	return acc, nil
}

func orgName(x *person) string {
	if x.school != nil {
		return x.school.name
	}
	return x.orgKey
}

// password draws a 12-character initial password from crypto/rand with all
// four character classes: passwords never follow from the seed.
func password() string {
	sets := []string{"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#@%+=!"}
	pattern := []int{0, 1, 1, 1, 3, 2, 2, 2, 2, 0, 1, 3}
	b := make([]byte, len(pattern))
	for i, set := range pattern {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(sets[set]))))
		b[i] = sets[set][n.Int64()]
	}
	return string(b)
}
