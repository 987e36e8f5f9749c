package training_test

import (
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/training"
)

func TestDossierProgressPutsSchoolsWithoutAPlanFirst(t *testing.T) {
	f := newFixture(t)
	other := f.MustSchool(t, "鹿城区第二实验小学", "330302", 3)
	if _, err := f.Svc.SavePlan(ctx, f.CountyA, training.Plan{OrgID: f.SchoolA, SchoolYear: 2020, PublicFunds: 100, TrainingFunds: 10,
		Themes: []training.Theme{{Kind: "school", Title: "课堂转型", Domain: "teacher", Forms: []string{"peer"}}}}); err != nil {
		t.Fatal(err)
	}
	f.ledger(t, f.TeacherA, 2020, credit.CategorySchoolBased, 3, 3)
	f.ledger(t, f.TeacherA, 2020, credit.CategoryCentralized, 40)
	f.ledger(t, f.TeacherA, 2019, credit.CategorySchoolBased, 9)
	rows, err := f.Svc.FindDossierProgress(ctx, f.CountyA, 2020)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].OrgID != other || rows[0].StatusName() != "未编制" || rows[1].OrgID != f.SchoolA {
		t.Fatalf("order %+v", rows)
	}
	a := rows[1]
	// School A holds 陈鹿城 and 赵校长: 6 学时 of 校本研修 in 2020, one record title.
	if a.StatusName() != "草稿" || a.Hours != 6 || a.Records != 1 || a.Credited != 1 || a.Teachers != 2 || a.HoursPerTeacher() != 3 {
		t.Errorf("school A %+v (%s)", a, a.StatusName())
	}
	if rows, _ := f.Svc.FindDossierProgress(ctx, f.CountyB, 2020); len(rows) != 1 || rows[0].OrgID != f.SchoolB {
		t.Errorf("county B sees %+v", rows)
	}
	if _, err := f.Svc.FindDossierProgress(ctx, f.TeacherUserA, 2020); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher: %v", err)
	}
}
