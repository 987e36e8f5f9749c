package org_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
)

var ctx = context.Background()

func TestCountyAdminSeesOnlyOwnCounty(t *testing.T) {
	w := testutil.NewWorld(t)
	people, total, err := w.Org.FindPeople(ctx, w.CountyA, org.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		if p.Name == "王龙湾" || p.Name == "周管理" {
			t.Fatalf("county A admin sees county B person %s", p.Name)
		}
	}
	if total != 3 { // 陈鹿城, 林管理, 赵校长
		t.Fatalf("county A sees %d people, want 3", total)
	}
	if _, err := w.Org.FindPersonByID(ctx, w.CountyA, w.TeacherB); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county A opened county B teacher: %v", err)
	}
	if _, err := w.Org.FindOrgByID(ctx, w.CountyA, w.SchoolB); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county A opened county B school: %v", err)
	}
	orgs, _, _ := w.Org.FindOrgs(ctx, w.CityAdmin, org.OrgFilter{SchoolOnly: true})
	if len(orgs) != 2 {
		t.Fatalf("city admin sees %d schools, want both counties' 2", len(orgs))
	}
}

func TestTeacherSeesOnlySelfAndSchoolAdminOnlySchool(t *testing.T) {
	w := testutil.NewWorld(t)
	people, _, err := w.Org.FindPeople(ctx, w.TeacherUserA, org.PersonFilter{})
	if err != nil || len(people) != 1 || people[0].ID != w.TeacherA {
		t.Fatalf("teacher sees %v (%v), want only self", people, err)
	}
	if !people[0].Masked || people[0].IDNumber != "3303**********0015" {
		t.Fatalf("teacher's own record not masked: %q", people[0].IDNumber)
	}
	if _, _, err := w.Org.FindOrgs(ctx, w.TeacherUserA, org.OrgFilter{}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("teacher listed organisations: %v", err)
	}
	people, _, _ = w.Org.FindPeople(ctx, w.SchoolAdminA, org.PersonFilter{})
	for _, p := range people {
		if p.OrgID != w.SchoolA {
			t.Fatalf("school admin sees %s of org %d", p.Name, p.OrgID)
		}
	}
}

func TestSensitiveFieldsEncryptedAtRestAndFindableByHash(t *testing.T) {
	if testutil.UsingPostgres() {
		t.Skip("raw file search is for SQLite")
	}
	w := testutil.NewWorld(t)
	found, _, err := w.Org.FindPeople(ctx, w.CountyA, org.PersonFilter{IDNumber: strings.ToLower(testutil.IDA)})
	if err != nil || len(found) != 1 || found[0].ID != w.TeacherA {
		t.Fatalf("lookup by ID number: %v %v", found, err)
	}
	w.DB.Close()
	for _, f := range []string{w.DB.Path, w.DB.Path + "-wal"} {
		raw, _ := os.ReadFile(f)
		for _, secret := range []string{testutil.IDA, "13812345678", "19850312"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Fatalf("%s found in plain text in %s", secret, f)
			}
		}
	}
}

func TestStaleSaveIsRefusedWithWhoChangedWhat(t *testing.T) {
	w := testutil.NewWorld(t)
	first, _ := w.Org.FindPersonByID(ctx, w.CountyA, w.TeacherA)
	second := first
	first.Title = "senior"
	if err := w.Org.UpdatePerson(ctx, w.CountyA, first); err != nil {
		t.Fatal(err)
	}
	second.Name = "陈鹿城改"
	err := w.Org.UpdatePerson(ctx, w.SchoolAdminA, second)
	if app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale save: %v", err)
	}
	msg := app.ErrorMessage(err)
	for _, want := range []string{"county_a", "职称：一级教师 → 高级教师"} {
		if !strings.Contains(msg, want) {
			t.Errorf("conflict message %q lacks %q", msg, want)
		}
	}
	p, _ := w.Org.FindPersonByID(ctx, w.CountyA, w.TeacherA)
	if p.Name != "陈鹿城" || p.Title != "senior" {
		t.Fatalf("stale save overwrote: %+v", p)
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	w := testutil.NewWorld(t)
	_, before, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{})
	bad := []org.Person{
		{Name: "", OrgID: w.SchoolA},
		{Name: "甲", OrgID: w.SchoolA, IDNumber: "330302198503120011"},
		{Name: "乙", OrgID: w.SchoolA, Phone: "12345"},
		{Name: "丙", OrgID: w.SchoolB, Title: "first"},         // county A may not add to county B
		{Name: "丁", OrgID: w.SchoolA, IDNumber: testutil.IDB}, // duplicate ID number
	}
	for _, p := range bad {
		_, err := w.Org.CreatePerson(ctx, w.CountyA, p)
		if app.ErrorCode(err) != app.EINVALID {
			t.Errorf("%+v: err = %v, want invalid", p, err)
		}
	}
	_, after, _ := w.Org.FindPeople(ctx, testutil.Root, org.PersonFilter{})
	if after != before {
		t.Fatalf("bad input wrote %d people", after-before)
	}
}

func TestCountyAdminCannotCreateSchoolInOtherCounty(t *testing.T) {
	w := testutil.NewWorld(t)
	_, err := w.Org.CreateOrg(ctx, w.CountyA, org.Org{Name: "越界小学", Kind: org.KindSchool, RegionCode: "330303",
		SchoolCode: "2330000099", Stages: []string{"primary"}, Locale: "urban"})
	if app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("err = %v", err)
	}
	id, err := w.Org.CreateOrg(ctx, w.CountyA, org.Org{Name: "鹿城新小学", Kind: org.KindSchool, RegionCode: "330302",
		SchoolCode: "2330000099", Stages: []string{"primary"}, Locale: "urban"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Org.FindOrgByID(ctx, w.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatal("county B sees county A's new school")
	}
}

func TestGroupsAndStudiosStayInScope(t *testing.T) {
	w := testutil.NewWorld(t)
	_, err := w.Org.SaveGroup(ctx, w.SchoolAdminA, org.Group{OrgID: w.SchoolA, Name: "数学教研组", Kind: "subject",
		LeaderID: w.TeacherA}, []int64{w.TeacherA, w.TeacherB})
	if app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("member from another county accepted: %v", err)
	}
	gid, err := w.Org.SaveGroup(ctx, w.SchoolAdminA, org.Group{OrgID: w.SchoolA, Name: "数学教研组", Kind: "subject",
		LeaderID: w.TeacherA, FiledOn: "2025-09-01"}, []int64{w.TeacherA})
	if err != nil {
		t.Fatal(err)
	}
	g, err := w.Org.FindGroupByID(ctx, w.CountyA, gid)
	if err != nil || len(g.Members) != 1 || g.LeaderName != "陈鹿城" {
		t.Fatalf("group = %+v, %v", g, err)
	}
	if _, err := w.Org.FindGroupByID(ctx, w.CountyB, gid); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatal("county B sees county A's group")
	}
	sid, err := w.Org.SaveStudio(ctx, w.CountyA, org.Studio{Name: "陈鹿城数学名师工作室", Level: "county", OrgID: w.SchoolA,
		HostID: w.TeacherA, FoundedYear: 2024}, []int64{w.TeacherA})
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := w.Org.FindStudios(ctx, w.CountyB); len(list) != 0 {
		t.Fatalf("county B sees studios %v", list)
	}
	if st, _ := w.Org.FindStudioByID(ctx, w.CountyA, sid); st.HostName != "陈鹿城" {
		t.Fatalf("studio host = %q", st.HostName)
	}
}

func TestCountsFollowScope(t *testing.T) {
	w := testutil.NewWorld(t)
	a, _ := w.Org.CountInScope(ctx, w.CountyA)
	c, _ := w.Org.CountInScope(ctx, w.CityAdmin)
	if a.Schools != 1 || c.Schools != 2 || a.Teachers != 3 || c.Teachers != 6 {
		t.Fatalf("county=%+v city=%+v", a, c)
	}
}
