package quality_test

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/quality"
)

// From the attacker's side: a school admin of 鹿城区实验小学 tries every read.
func TestSchoolSeesOnlyItsOwnSchoolAndNoRanks(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	a := f.SchoolAdminA
	for _, level := range []string{quality.GroupSchool, quality.GroupClass} {
		gs, err := f.Svc.FindGroups(ctx, a, f.ExamID, level, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) == 0 {
			t.Fatalf("school admin sees no %s record of its own school", level)
		}
		for _, g := range gs {
			if g.School != "鹿城区实验小学" {
				t.Errorf("school admin sees %s %s/%s", level, g.School, g.Class)
			}
		}
	}
	county, _ := f.Svc.FindGroups(ctx, a, f.ExamID, quality.GroupCounty, "")
	for _, g := range county {
		if g.County != "鹿城区" {
			t.Errorf("school admin sees the county figures of %s", g.County)
		}
	}
	if len(county) == 0 {
		t.Error("school admin does not see its own county's figures to compare with")
	}
	own, err := f.Svc.FindSchoolStudents(ctx, a, f.ExamID, f.SchoolA)
	if err != nil || len(own) != 3 {
		t.Fatalf("own students: %d %v", len(own), err)
	}
	for _, other := range []int64{f.SchoolB, f.SchoolC} {
		if _, err := f.Svc.FindSchoolStudents(ctx, a, f.ExamID, other); !isCode(err, app.ENOTFOUND) {
			t.Errorf("school admin reads another school's students: %v", err)
		}
	}
	if _, _, err := f.Svc.FindRegionStudents(ctx, a, f.ExamID, 0, 100); !isCode(err, app.EFORBIDDEN) {
		t.Errorf("school admin opens student ranks: %v", err)
	}
	for _, va := range mustVA(t, f, a) {
		if va.School != "鹿城区实验小学" {
			t.Errorf("school admin sees value-added of %s", va.School)
		}
	}
}

func TestOtherCountySeesOnlyItsSchool(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	gs, err := f.Svc.FindGroups(ctx, f.CountyB, f.ExamID, quality.GroupSchool, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.County != "龙湾区" {
			t.Errorf("county B sees %s", g.School)
		}
	}
	if _, err := f.Svc.FindSchoolStudents(ctx, f.CountyB, f.ExamID, f.SchoolA); !isCode(err, app.ENOTFOUND) {
		t.Errorf("county B reads county A's students: %v", err)
	}
	if _, err := f.Svc.ImportScores(ctx, f.CountyB, f.ExamID, "x.csv", []byte(scoresCSV), nil); !isCode(err, app.EFORBIDDEN) {
		t.Errorf("a participant imports scores into the city's exam: %v", err)
	}
	if _, err := f.Svc.Analyze(ctx, f.CountyB, f.ExamID, nil); !isCode(err, app.EFORBIDDEN) {
		t.Errorf("a participant runs the city's analysis: %v", err)
	}
}

func TestAnExamOfNoSchoolInScopeIsNotFound(t *testing.T) {
	f := newFixture(t)
	id, err := f.Svc.CreateExam(ctx, f.CountyA, quality.Exam{OrgID: f.BureauA, Name: "鹿城区六年级数学质量检测",
		Term: termOf(2025, 1), Level: quality.LevelCounty, Kind: quality.KindQuality, SchoolIDs: []int64{f.SchoolA}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.FindExamByID(ctx, f.CountyB, id); !isCode(err, app.ENOTFOUND) {
		t.Errorf("county B opens county A's exam: %v", err)
	}
	list, _, err := f.Svc.FindExams(ctx, f.CountyB, quality.ExamFilter{})
	for _, e := range list {
		if e.ID == id {
			t.Errorf("county B lists county A's exam")
		}
	}
	if _, err := f.Svc.CreateExam(ctx, f.CountyB, quality.Exam{OrgID: f.BureauA, Name: "x", Term: termOf(2025, 1),
		Level: quality.LevelCounty, Kind: quality.KindQuality, SchoolIDs: []int64{f.SchoolA}}); !isCode(err, app.EINVALID) {
		t.Errorf("county B creates an exam for county A: %v", err)
	}
}

// Ranks open only with the explicit permission, and each opening is audited.
func TestRegionStudentRanksNeedThePermissionAndAreAudited(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	if _, _, err := f.Svc.FindRegionStudents(ctx, f.CityAdmin, f.ExamID, 0, 100); !isCode(err, app.EFORBIDDEN) {
		t.Fatalf("city admin opens ranks without the permission: %v", err)
	}
	a := f.CityAdmin
	a.Perms = maps.Clone(a.Perms)
	a.Perms[quality.PermStudents] = true
	before := auditCount(t, f)
	recs, total, err := f.Svc.FindRegionStudents(ctx, a, f.ExamID, 0, 100)
	if err != nil || total != 6 || len(recs) != 6 {
		t.Fatalf("ranks: %d of %d, %v", len(recs), total, err)
	}
	if recs[0].StudentID != "S1" || recs[0].RankRegion[0] == nil || *recs[0].RankRegion[0] != 1 {
		t.Errorf("S1 数学 region rank = %v, want 1", recs[0].RankRegion)
	}
	if got := auditCount(t, f); got != before+1 {
		t.Errorf("opening ranks wrote %d audit rows, want 1", got-before)
	}
}

func mustVA(t *testing.T, f *fixture, a app.Actor) []quality.ValueAdded {
	va, err := f.Svc.FindValueAdded(ctx, a, f.ExamID, "")
	if err != nil {
		t.Fatal(err)
	}
	return va
}

func auditCount(t *testing.T, f *fixture) int {
	n, err := db.ReadValue(ctx, f.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'exam.students_view'")
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func isCode(err error, code string) bool {
	var e *app.Error
	return errors.As(err, &e) && e.Code == code && strings.TrimSpace(e.Message) != ""
}
