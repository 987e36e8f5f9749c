package training_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/training"
)

func TestModelSchoolTargetCountsDesignatedSchoolsInScope(t *testing.T) {
	f := newFixture(t)
	root := app.System("测试", "region.edit")
	if err := f.Pol.SetValue(ctx, root, "330300", policy.RuleRegionTrainingDemoSchools, 40, 2020, "", 0); err != nil {
		t.Fatal(err)
	}
	model := func(org int64, year int, level, basis string) training.Designation {
		return training.Designation{OrgID: org, Kind: training.KindModelSchool, SchoolYear: year, Level: level, Basis: basis}
	}
	if _, err := f.Svc.Designate(ctx, f.CityAdmin, model(f.SchoolA, 2020, "city", "温教研〔2020〕8号")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		actor app.Actor
		d     training.Designation
		want  string
	}{
		{f.CountyA, model(f.SchoolB, 2021, "county", "越权"), "请选择您管辖范围内的学校"},
		{f.CountyB, model(f.SchoolB, 2021, "city", "龙教研〔2021〕2号"), "市级称号由市教育局认定"},
		{f.CountyB, model(f.SchoolB, 2021, "county", " "), "请填写认定依据（文件文号）"},
		{f.CountyB, training.Designation{OrgID: f.SchoolB, Kind: "no_such", SchoolYear: 2021, Level: "county", Basis: "x"}, "请选择称号"},
		{f.CountyA, model(f.SchoolA, 2021, "county", "重复"), "鹿城区实验小学 已认定为校本研修示范校"},
	} {
		if _, err := f.Svc.Designate(ctx, c.actor, c.d); app.ErrorMessage(err) != c.want {
			t.Errorf("designating %+v as %s: %v, want %q", c.d, c.actor.Username, err, c.want)
		}
	}
	if _, err := f.Svc.Designate(ctx, f.CountyB, model(f.SchoolB, 2021, "county", "龙教研〔2021〕2号")); err != nil {
		t.Fatal(err)
	}
	target := func(a app.Actor, year int) training.Target {
		ts, err := f.Svc.FindTargets(ctx, a, year)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ts {
			if x.Name == "校本研修示范校" {
				return x
			}
		}
		t.Fatalf("no 校本研修示范校 target in %+v", ts)
		return training.Target{}
	}
	if got := target(f.CityAdmin, 2020); got.Count != 1 || strings.Join(got.Names, "、") != "鹿城区实验小学（2020学年市级）" ||
		!strings.Contains(got.Text, "差 39") {
		t.Errorf("2020 target: %+v", got)
	}
	if got := target(f.CityAdmin, 2021); got.Count != 2 || !strings.Contains(got.Text, "差 38") ||
		!strings.Contains(strings.Join(got.Names, "、"), "龙湾区永中小学（2021学年县级）") {
		t.Errorf("2021 target: %+v", got)
	}
	if got := target(f.CountyA, 2021); got.Count != 1 || strings.Contains(strings.Join(got.Names, ""), "龙湾") {
		t.Errorf("county A's target counts outside its scope: %+v", got)
	}
	ds, _ := f.Svc.FindDesignations(ctx, f.CountyA)
	if len(ds) != 1 || ds[0].School != "鹿城区实验小学" || ds[0].LevelName() != "市级" {
		t.Errorf("county A's designations: %+v", ds)
	}
	if err := f.Svc.RemoveDesignation(ctx, f.CountyB, ds[0].ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B withdrawing 鹿城's designation: %v", err)
	}
	if err := f.Svc.RemoveDesignation(ctx, f.CountyA, ds[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := target(f.CityAdmin, 2021); got.Count != 1 {
		t.Errorf("after the withdrawal the target counts %d", got.Count)
	}
}

func TestRegionAddsItsOwnDesignationKinds(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Svc.AddDesignationKind(ctx, f.CountyA, "教研基地校"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"教研基地校": "已有称号「教研基地校」", "校本研修示范校": "已有称号「校本研修示范校」",
		" ": "请填写称号名称（不超过 30 字）"} {
		if _, err := f.Svc.AddDesignationKind(ctx, f.CountyA, name); app.ErrorMessage(err) != want {
			t.Errorf("adding %q: %v, want %q", name, err, want)
		}
	}
	names := func(a app.Actor) string {
		ks, err := f.Svc.FindDesignationKinds(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, k := range ks {
			out = append(out, k.Name)
		}
		return strings.Join(out, "、")
	}
	if got := names(f.CountyA); got != "校本研修示范校、教研基地校" {
		t.Errorf("county A's titles: %s", got)
	}
	if got := names(f.CountyB); got != "校本研修示范校" {
		t.Errorf("county B sees %s", got)
	}
	ks, _ := f.Svc.FindDesignationKinds(ctx, f.CountyA)
	if _, err := f.Svc.Designate(ctx, f.CountyA, training.Designation{OrgID: f.SchoolA, Kind: ks[1].Code, SchoolYear: 2020,
		Level: "county", Basis: "鹿教研〔2020〕1号"}); err != nil {
		t.Errorf("designating with the county's own title: %v", err)
	}
	if _, err := f.Svc.Designate(ctx, f.CountyB, training.Designation{OrgID: f.SchoolB, Kind: ks[1].Code, SchoolYear: 2020,
		Level: "county", Basis: "x"}); app.ErrorMessage(err) != "请选择称号" {
		t.Errorf("county B using county A's title: %v", err)
	}
}
