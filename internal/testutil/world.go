package testutil

import (
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
)

// World is a small city with two counties, for scope tests: everything in
// county A must stay invisible to county B's users and the other way round.
type World struct {
	*Env
	BureauA, BureauB   int64
	SchoolA, SchoolB   int64
	TeacherA, TeacherB int64
	CountyA, CountyB   app.Actor // 县级管理员
	SchoolAdminA       app.Actor
	TeacherUserA       app.Actor
	CityAdmin          app.Actor
}

// Valid ID numbers (GB 11643 check digit correct) for test people.
const (
	IDA = "330302198503120015"
	IDB = "33030319900101001X"
)

// NewWorld builds the two-county city.
func NewWorld(t testing.TB) *World {
	e := NewEnv(t)
	w := &World{Env: e}
	e.MustRegion(t, "330300", "温州市", "city", "")
	e.MustRegion(t, "330302", "鹿城区", "county", "330300")
	e.MustRegion(t, "330303", "龙湾区", "county", "330300")
	city := e.MustOrg(t, org.Org{Name: "温州市教育局", Kind: org.KindBureau, RegionCode: "330300"})
	w.BureauA = e.MustOrg(t, org.Org{Name: "鹿城区教育局", Kind: org.KindBureau, RegionCode: "330302"})
	w.BureauB = e.MustOrg(t, org.Org{Name: "龙湾区教育局", Kind: org.KindBureau, RegionCode: "330303"})
	w.SchoolA = e.MustSchool(t, "鹿城区实验小学", "330302", 1)
	w.SchoolB = e.MustSchool(t, "龙湾区永中小学", "330303", 2)
	w.TeacherA = e.MustPerson(t, org.Person{Name: "陈鹿城", Gender: "2", IDNumber: IDA, Phone: "13812345678", OrgID: w.SchoolA,
		Title: "first", Subjects: []string{"数学"}, Stages: []string{"primary"}})
	w.TeacherB = e.MustPerson(t, org.Person{Name: "王龙湾", Gender: "1", IDNumber: IDB, Phone: "13987654321", OrgID: w.SchoolB,
		Title: "senior", Subjects: []string{"语文"}, Stages: []string{"primary"}})
	adminA := e.MustPerson(t, org.Person{Name: "林管理", OrgID: w.BureauA})
	adminB := e.MustPerson(t, org.Person{Name: "周管理", OrgID: w.BureauB})
	head := e.MustPerson(t, org.Person{Name: "赵校长", OrgID: w.SchoolA})
	cityP := e.MustPerson(t, org.Person{Name: "钱市局", OrgID: city})
	w.CountyA = e.MustUser(t, adminA, "county_a", auth.RoleCountyAdmin)
	w.CountyB = e.MustUser(t, adminB, "county_b", auth.RoleCountyAdmin)
	w.SchoolAdminA = e.MustUser(t, head, "school_a", auth.RoleSchoolAdmin)
	w.TeacherUserA = e.MustUser(t, w.TeacherA, "teacher_a", auth.RoleTeacher)
	w.CityAdmin = e.MustUser(t, cityP, "city_admin", auth.RoleCityAdmin)
	return w
}
