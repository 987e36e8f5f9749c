package quality_test

import (
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
)

// The organiser edits name, term, kind and schools until scores are in;
// a stale version and a participant are refused; after an import the exam
// can no longer be edited.
func TestUpdateExamUntilScoresAreImported(t *testing.T) {
	f := newFixture(t)
	e, _ := f.Svc.FindExamByID(ctx, f.CityAdmin, f.ExamID)
	in := quality.ExamEdit{ID: f.ExamID, Version: e.Version, Name: "2025学年第二学期期末质量检测", Term: dict.Term{Year: 2025, Half: 2},
		Kind: quality.KindAcademic, Grades: []string{"九年级"}, SchoolIDs: []int64{f.SchoolA, f.SchoolB}}
	if err := f.Svc.UpdateExam(ctx, f.ActorOf(t, "county_a"), in); err == nil {
		t.Fatal("a participant edited the exam")
	}
	if err := f.Svc.UpdateExam(ctx, f.CityAdmin, in); err != nil {
		t.Fatal(err)
	}
	got, _ := f.Svc.FindExamByID(ctx, f.CityAdmin, f.ExamID)
	if got.Name != in.Name || got.Term.Half != 2 || got.Kind != quality.KindAcademic || len(got.SchoolIDs) != 2 || got.Version != e.Version+1 {
		t.Fatalf("after edit %+v", got)
	}
	if err := f.Svc.UpdateExam(ctx, f.CityAdmin, in); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale version: %v", err)
	}
	in.Version, in.Name = got.Version, ""
	if err := f.Svc.UpdateExam(ctx, f.CityAdmin, in); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("empty name: %v", err)
	}
	in.Name, in.SchoolIDs = "2025学年第二学期期末质量检测", []int64{f.SchoolA, f.SchoolC, f.SchoolB}
	if err := f.Svc.UpdateExam(ctx, f.CityAdmin, in); err != nil {
		t.Fatal(err)
	}
	in.Version++
	f.importAndAnalyze(t)
	if err := f.Svc.UpdateExam(ctx, f.CityAdmin, in); app.ErrorCode(err) != app.ECONFLICT || app.ErrorMessage(err) != "该考试已导入成绩，不能再修改考试信息" {
		t.Fatalf("edit after import: %v", err)
	}
}

// An exam with no analysis is deleted with its paper and scores, audited;
// one with an analysis is not.
func TestDeleteExamOnlyWithoutAnalysis(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, f.ExamID, "成绩.csv", []byte(scoresCSV), nil); err != nil {
		t.Fatal(err)
	}
	if err := f.Svc.DeleteExam(ctx, f.CityAdmin, f.ExamID, 9); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale version: %v", err)
	}
	if err := f.Svc.DeleteExam(ctx, f.CityAdmin, f.ExamID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.FindExamByID(ctx, f.CityAdmin, f.ExamID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("deleted exam still found: %v", err)
	}
	var left, audits int
	f.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if left, err = tx.Count(ctx, "SELECT COUNT(*) FROM quality_scores WHERE exam_id = ?", f.ExamID); err != nil {
			return err
		}
		audits, err = tx.Count(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'exam.delete'")
		return err
	})
	if left != 0 || audits != 1 {
		t.Fatalf("scores left %d, delete audits %d", left, audits)
	}
	g := newFixture(t)
	g.importAndAnalyze(t)
	if err := g.Svc.DeleteExam(ctx, g.CityAdmin, g.ExamID, 1); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("delete analysed: %v", err)
	}
}
