package quality_test

import (
	"errors"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality"
)

// openTodos counts a user's open 待办 for a warning.
func openTodos(t *testing.T, f *fixture, username string, w quality.Warning) int {
	t.Helper()
	n, err := db.ReadValue(ctx, f.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, `SELECT COUNT(*) FROM todos t JOIN users u ON u.id = t.user_id WHERE u.username = ?
			AND t.done_at = 0 AND t.todo_key = ?`, username, "quality.warning:"+itoa(w.ID))
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// itemWarnings returns the active warnings an actor sees.
func itemWarnings(t *testing.T, f *fixture, a app.Actor) []quality.Warning {
	t.Helper()
	list, _, err := f.Svc.FindWarnings(ctx, a, quality.WarningFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// A paper without a setter: the item warning says so and is the exam
// creator's 待办. Once the 题目表 names 王龙湾 (a teacher of 永中小学, whose
// own scope is only themself) as 数学's 命题人, the re-analysis makes the
// warning their 待办, closes the creator's, and 王龙湾 sees that warning (and
// nothing else) at /warnings; 陈鹿城, another teacher, sees none and cannot
// open it.
func TestItemWarningsGoToThePaperSetters(t *testing.T) {
	f := newFixture(t)
	withWarnRules(t, f, 0.9)
	f.importAndAnalyze(t)
	all := warningsOf(t, f, "city")
	w := all["item   数学 3"]
	if w.ID == 0 || !strings.Contains(w.Message, quality.NoSetterNote) {
		t.Fatalf("item warning %+v, want one saying %q", w, quality.NoSetterNote)
	}
	if n := openTodos(t, f, "city_admin", w); n != 1 {
		t.Errorf("the exam's creator has %d 待办 for the item warning, want 1", n)
	}

	setter := f.MustUser(t, f.TeacherB, "teacher_b", auth.RoleTeacher)
	other := f.TeacherUserA
	withSetter := strings.Replace(paperCSV, "科目,题号,满分,题型,知识点\n", "科目,题号,满分,题型,知识点,命题人\n", 1)
	withSetter = strings.Replace(withSetter, "数学,1,2,客观,代数\n", "数学,1,2,客观,代数,王龙湾\n", 1)
	// an unknown name is refused at its row, nothing written
	bad := strings.Replace(withSetter, "王龙湾", "王龙湾、李不在", 1)
	_, err := f.Svc.ImportPaper(ctx, f.CityAdmin, f.ExamID, "题目表.csv", []byte(bad))
	var ae *app.Error
	if !errors.As(err, &ae) || ae.Row != 2 || ae.Field != "命题人" || !strings.Contains(ae.Message, "李不在") {
		t.Fatalf("import naming an unknown setter: %v, want an error at row 2, 命题人, naming 李不在", err)
	}
	if imps, _ := f.Svc.FindImports(ctx, f.CityAdmin, f.ExamID); len(imps) != 2 {
		t.Fatalf("the refused paper import removed scores: %v", imps)
	}
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, f.ExamID, "题目表.csv", []byte(withSetter)); err != nil {
		t.Fatal(err)
	}
	papers, err := f.Svc.FindPapers(ctx, f.CityAdmin, f.ExamID)
	if err != nil || len(papers) != 2 || len(papers[0].Setters) != 1 || papers[0].Setters[0].Name != "王龙湾" || len(papers[1].Setters) != 0 {
		t.Fatalf("papers after the import: %+v %v, want 数学 set by 王龙湾 and 语文 by nobody", papers, err)
	}
	f.importAndAnalyze(t)

	got := itemWarnings(t, f, setter)
	if len(got) != 1 || got[0].ID != w.ID || got[0].Kind != quality.WarnItem {
		t.Fatalf("the setter sees %+v, want only the 数学 item warning", got)
	}
	if !strings.Contains(got[0].Message, "请命题人（王龙湾）关注") || strings.Contains(got[0].Message, quality.NoSetterNote) {
		t.Errorf("message %q", got[0].Message)
	}
	if n := openTodos(t, f, "teacher_b", w); n != 1 {
		t.Errorf("the setter has %d 待办 for the item warning, want 1", n)
	}
	if n := openTodos(t, f, "city_admin", w); n != 0 {
		t.Errorf("the creator still has %d 待办 for a paper that now has a setter", n)
	}
	if _, err := f.Svc.FindWarningByID(ctx, setter, w.ID); err != nil {
		t.Errorf("the setter cannot open the warning: %v", err)
	}
	if got := itemWarnings(t, f, other); len(got) != 0 {
		t.Errorf("another teacher sees %d warnings", len(got))
	}
	if n := openTodos(t, f, "teacher_a", w); n != 0 {
		t.Errorf("another teacher has %d 待办", n)
	}
	if _, err := f.Svc.FindWarningByID(ctx, other, w.ID); !errors.As(err, &ae) || ae.Code != app.ENOTFOUND {
		t.Errorf("another teacher opens the warning: %v", err)
	}
	// a school warning stays out of the setter's sight
	for _, x := range all {
		if x.Kind != quality.WarnItem {
			if _, err := f.Svc.FindWarningByID(ctx, setter, x.ID); err == nil {
				t.Errorf("the setter opens a %s warning of %s", x.Kind, x.School+x.County)
			}
		}
	}
}

// The paper form sets setters among the organiser's people; a person
// outside the organiser's scope is refused at the field.
func TestPaperFormSetters(t *testing.T) {
	f := newFixture(t)
	f.MustRegion(t, "330100", "杭州市", "city", "")
	outside := f.MustOrg(t, org.Org{Name: "杭州市教育局", Kind: org.KindBureau, RegionCode: "330100"})
	stranger := f.MustPerson(t, org.Person{Name: "外市人", OrgID: outside})
	rows := []quality.ItemInput{{Name: "1", Full: "2"}, {Name: "2", Full: "2"}, {Name: "3", Full: "6"}}
	_, err := f.Svc.SavePaperWithSetters(ctx, f.CityAdmin, f.ExamID, "数学", rows, []int64{f.TeacherA, stranger})
	var ae *app.Error
	if !errors.As(err, &ae) || ae.Field != "setters" {
		t.Fatalf("a setter outside the organiser's scope: %v, want an error at 命题人", err)
	}
	if _, err := f.Svc.SavePaperWithSetters(ctx, f.CityAdmin, f.ExamID, "数学", rows, []int64{f.TeacherA, f.TeacherB}); err != nil {
		t.Fatal(err)
	}
	papers, _ := f.Svc.FindPapers(ctx, f.CityAdmin, f.ExamID)
	if len(papers[0].Setters) != 2 {
		t.Fatalf("setters %+v, want 陈鹿城 and 王龙湾", papers[0].Setters)
	}
	if _, err := f.Svc.SavePaperWithSetters(ctx, f.CityAdmin, f.ExamID, "数学", rows, nil); err != nil {
		t.Fatal(err)
	}
	if papers, _ := f.Svc.FindPapers(ctx, f.CityAdmin, f.ExamID); len(papers[0].Setters) != 0 {
		t.Errorf("setters not cleared: %+v", papers[0].Setters)
	}
}
