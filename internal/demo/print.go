package demo

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Print writes the summary in Chinese: what was generated, then the sample
// accounts with their initial passwords.
func (s Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "已生成演示数据（规模 %s，种子 %d，用时 %.1f 秒）：%s\n", s.Size, s.Seed, s.Elapsed.Seconds(), s.Root)
	fmt.Fprintf(w, "  行政区域：%d 个市，%d 个县（市、区），其中山区县 %d 个\n", s.Cities, s.Counties, s.MountainCounties)
	fmt.Fprintf(w, "  机构：教育局 %d 个，教研院（教师发展中心）%d 个\n", s.Bureaus, s.Offices)
	fmt.Fprintf(w, "  学校：%d 所（乡村 %d，薄弱 %d），教学点 %d 个\n", s.Schools, s.RuralSchools, s.Weak, s.TeachingPoints)
	fmt.Fprintf(w, "  人员：%d 人，其中教师 %d，专职教研员 %d，兼职教研员 %d，专家 %d\n", s.People, s.Teachers, s.FullTime,
		s.PartTime, s.Experts)
	fmt.Fprintf(w, "  教研组 %d 个，名师工作室 %d 个，政策规则 %d 条\n", s.Groups, s.Studios, s.Rules)
	if s.Visits > 0 {
		fmt.Fprintf(w, "  本学年：各县联系学校轮次（落实阶段）共联系 %d 所学校，蹲点视导已发布，到校记录 %d 条\n", s.Links, s.Visits)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "示例账号（首次登录须修改密码；三员账号须绑定双因素认证）：")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  用户名\t初始密码\t角色\t人员\t可见范围")
	for _, a := range s.Accounts {
		person := a.Person
		if person == "" {
			person = "—"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", a.Username, a.Password, a.RoleName, person, a.Sees)
	}
	tw.Flush()
}
