package training_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

func TestTargetsCountTheNamesBehindThemAgainstTheRules(t *testing.T) {
	f := newFixture(t)
	root := app.System("测试", "region.edit")
	for k, v := range map[policy.RuleKey]float64{policy.RuleTalentBackboneTeachersPerCountyPerYear: 100,
		policy.RuleTalentExcellentTeachersPerYear: 50} {
		if err := f.Pol.SetValue(ctx, root, "330300", k, v, 2020, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherA, "backbone", "2020-10-08", "鹿教〔2020〕12号"); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherB, "backbone", "2020-10-08", "越权"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A recording a 龙湾 teacher: %v", err)
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherA, "backbone", "2020-10-08", " "); app.ErrorMessage(err) != "请填写认定依据（文件或荣誉）" {
		t.Errorf("no basis: %v", err)
	}
	if err := f.DB.Exec(ctx, "INSERT INTO person_honours (person_id, name, level, year) VALUES (?, '卓越教师', 'city', 2020)", f.TeacherB); err != nil {
		t.Fatal(err)
	}
	ts, err := f.Svc.FindTargets(ctx, f.CityAdmin, 2020)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range ts {
		got[x.Name] = strings.Join(x.Names, "、") + "|" + x.Text
	}
	if !strings.HasPrefix(got["鹿城区骨干教师"], "陈鹿城（鹿城区实验小学）|") || !strings.Contains(got["鹿城区骨干教师"], "差 99") {
		t.Errorf("鹿城 backbone target reads %q", got["鹿城区骨干教师"])
	}
	if !strings.HasPrefix(got["卓越教师"], "王龙湾（龙湾区永中小学）|") || !strings.Contains(got["卓越教师"], "差 49") {
		t.Errorf("卓越教师 target reads %q", got["卓越教师"])
	}
	if !strings.Contains(got["市级名师工作室"], "本区域未设定规则") {
		t.Errorf("studio target without a rule reads %q", got["市级名师工作室"])
	}
	steps, _ := f.Svc.FindTiers(ctx, f.TeacherUserA, f.TeacherA)
	if len(steps) != 1 || steps[0].TierName != "骨干" && !strings.Contains(steps[0].TierName, "骨干") {
		t.Errorf("tier history %+v", steps)
	}
}

// A tier step moves the person's tier in 人员 (org's row) with it, audited;
// a step dated before the latest one leaves the latest standing; a refused
// step changes neither.
func TestTierStepSetsThePersonsTier(t *testing.T) {
	f := newFixture(t)
	tierOf := func() string {
		p, err := f.Org.FindPersonByID(ctx, f.CityAdmin, f.TeacherA)
		if err != nil {
			t.Fatal(err)
		}
		return p.Tier
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherA, "backbone", "2021-10-08", "鹿教〔2021〕12号"); err != nil {
		t.Fatal(err)
	}
	if got := tierOf(); got != "backbone" {
		t.Errorf("after the 骨干 step the person's tier is %q", got)
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherA, "qualified", "2018-09-01", "鹿教〔2018〕3号"); err != nil {
		t.Fatal(err)
	}
	if got := tierOf(); got != "backbone" {
		t.Errorf("an older 合格 step recorded later moved the tier to %q", got)
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherA, "leader", "2021-10-08", " "); err == nil {
		t.Error("a step without basis was recorded")
	}
	if got := tierOf(); got != "backbone" {
		t.Errorf("a refused step moved the tier to %q", got)
	}
	if err := f.Svc.RecordTier(ctx, f.CountyA, f.TeacherB, "leader", "2022-10-08", "越权"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county A stepping a 龙湾 teacher: %v", err)
	}
	p, _ := f.Org.FindPersonByID(ctx, f.CityAdmin, f.TeacherB)
	if p.Tier == "leader" {
		t.Error("an out-of-scope step set the tier")
	}
	var after []string
	if err := f.DB.Read(ctx, func(tx *db.Tx) (err error) {
		after, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		}, "SELECT after_json FROM audit_log WHERE action = 'tier.record' ORDER BY seq")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(after) != 2 || !strings.Contains(after[0], "人员当前梯级") || strings.Contains(after[1], "人员当前梯级") {
		t.Errorf("the steps' audit rows %v: want the tier change on the first only", after)
	}
}

// One 认定 document with a person out of scope records no one of it.
func TestRecordTiersIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	err := f.Svc.RecordTiers(ctx, f.CountyA, []int64{f.TeacherA, f.TeacherB}, "backbone", "2020-10-08", "鹿教〔2020〕12号")
	if app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("county A's document naming a 龙湾 teacher: %v", err)
	}
	if steps, _ := f.Svc.FindTiers(ctx, f.CountyA, f.TeacherA); len(steps) != 0 {
		t.Fatalf("the refused document left steps: %+v", steps)
	}
	if err := f.Svc.RecordTiers(ctx, f.CountyA, []int64{f.TeacherA}, "backbone", "2020-10-08", "鹿教〔2020〕12号"); err != nil {
		t.Fatal(err)
	}
	if steps, _ := f.Svc.FindTiers(ctx, f.CountyA, f.TeacherA); len(steps) != 1 || steps[0].Date != "2020-10-08" {
		t.Fatalf("steps %+v", steps)
	}
}
