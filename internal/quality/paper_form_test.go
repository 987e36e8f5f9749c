package quality_test

import (
	"errors"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality"
)

func paperOf(t *testing.T, f *fixture, subject string) *quality.Paper {
	t.Helper()
	ps, err := f.Svc.FindPapers(ctx, f.CityAdmin, f.ExamID)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ps {
		if ps[i].Subject == subject {
			return &ps[i]
		}
	}
	return nil
}

func importedSubjects(t *testing.T, f *fixture) string {
	t.Helper()
	im, err := f.Svc.FindImports(ctx, f.CityAdmin, f.ExamID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range im {
		out = append(out, x.Subject)
	}
	return strings.Join(out, ",")
}

// Bad rows are reported field by field in Chinese and nothing is written.
func TestSavePaperReportsEveryBadFieldAndWritesNothing(t *testing.T) {
	f := newFixture(t)
	rows := []quality.ItemInput{{Name: "1", Full: "2", Kind: "客观"}, {Name: "1", Full: "3"}, {Name: "3", Full: "2.3"},
		{Name: "4", Full: "4", Kind: "填空"}, {Full: "2"}, {}}
	_, err := f.Svc.SavePaper(ctx, f.CityAdmin, f.ExamID, "数学", rows)
	var pe quality.PaperErrors
	if !errors.As(err, &pe) {
		t.Fatalf("want PaperErrors, got %v", err)
	}
	got := map[string]string{}
	for _, e := range pe.All {
		got[e.Field] = e.Message
	}
	want := map[string]string{quality.ItemField(1, "name"): "第2行：题号“1”与第1行重复",
		quality.ItemField(2, "full"): "第3行：满分应为大于0、不超过1000的数，且为0.5分的整数倍",
		quality.ItemField(3, "kind"): "第4行：题型应为“客观”或“主观”", quality.ItemField(4, "name"): "第5行：请填写题号"}
	if len(got) != len(want) {
		t.Fatalf("errors %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if p := paperOf(t, f, "数学"); p == nil || len(p.Items) != 3 || p.Full != 10 {
		t.Fatalf("paper changed on bad input: %+v", p)
	}
	if _, err := f.Svc.SavePaper(ctx, f.CityAdmin, f.ExamID, "", []quality.ItemInput{{Remove: true, Name: "1", Full: "2"}}); !errors.As(err, &pe) ||
		len(pe.All) != 2 || pe.All[0].Field != "subject" || pe.All[1].Field != "items" {
		t.Fatalf("empty form: %v", err)
	}
}

// Changing only 知识点/题型/能力层级 keeps the scores; changing 满分 or
// removing an item clears the subject's scores; a new subject is added after
// the others; removing a subject drops its paper and scores.
func TestSavePaperEditsAddsAndRemovesItems(t *testing.T) {
	f := newFixture(t)
	f.importAndAnalyze(t)
	p := paperOf(t, f, "数学")
	rows := []quality.ItemInput{{Name: "1", Full: "2", Kind: "客观", Knowledge: "代数、方程"}, {Name: "2", Full: "2", Kind: "客观", Knowledge: "几何"},
		{Name: "3", Full: "6", Knowledge: "代数；几何", Ability: "综合运用"}, {}}
	kept, err := f.Svc.SavePaper(ctx, f.CityAdmin, f.ExamID, "数学", rows)
	if err != nil || !kept {
		t.Fatalf("metadata edit: kept=%v %v", kept, err)
	}
	p = paperOf(t, f, "数学")
	if strings.Join(p.Items[0].Knowledge, "|") != "代数|方程" || p.Items[2].Ability != "综合运用" || importedSubjects(t, f) != "数学,语文" {
		t.Fatalf("after metadata edit: %+v, imports %s", p.Items, importedSubjects(t, f))
	}
	rows[1].Remove = true
	rows[2].Full = "8"
	rows[3] = quality.ItemInput{Name: "4", Full: "4.5"}
	if kept, err = f.Svc.SavePaper(ctx, f.CityAdmin, f.ExamID, "数学", rows); err != nil || kept {
		t.Fatalf("shape edit: kept=%v %v", kept, err)
	}
	p = paperOf(t, f, "数学")
	if len(p.Items) != 3 || p.Full != 14.5 || p.Items[1].Name != "3" || p.Items[2].Name != "4" || importedSubjects(t, f) != "语文" {
		t.Fatalf("after shape edit: %+v, imports %s", p, importedSubjects(t, f))
	}
	if _, err := f.Svc.SavePaper(ctx, f.CityAdmin, f.ExamID, "英语", []quality.ItemInput{{Name: "全卷", Full: "120"}}); err != nil {
		t.Fatal(err)
	}
	ps, _ := f.Svc.FindPapers(ctx, f.CityAdmin, f.ExamID)
	if len(ps) != 3 || ps[0].Subject != "数学" || ps[1].Subject != "语文" || ps[2].Subject != "英语" || ps[2].Full != 120 {
		t.Fatalf("papers %+v", ps)
	}
	if err := f.Svc.RemovePaper(ctx, f.CityAdmin, f.ExamID, "语文"); err != nil {
		t.Fatal(err)
	}
	if paperOf(t, f, "语文") != nil || importedSubjects(t, f) != "" {
		t.Fatalf("语文 not removed")
	}
	if err := f.Svc.RemovePaper(ctx, f.CityAdmin, f.ExamID, "语文"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("second remove: %v", err)
	}
}

// Only the organiser may edit a paper.
func TestSavePaperOnlyOrganiser(t *testing.T) {
	f := newFixture(t)
	a := f.ActorOf(t, "county_a")
	if _, err := f.Svc.SavePaper(ctx, a, f.ExamID, "数学", []quality.ItemInput{{Name: "1", Full: "2"}}); err == nil {
		t.Fatal("a participant edited the organiser's paper")
	}
	if err := f.Svc.RemovePaper(ctx, a, f.ExamID, "数学"); err == nil {
		t.Fatal("a participant removed the organiser's paper")
	}
}
