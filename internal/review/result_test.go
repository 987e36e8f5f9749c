package review_test

import (
	"bytes"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"jiaoyan/internal/app"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/review"
)

// scoreAll has every expert with an account declare no conflict and
// score each of their tasks: 选题 and 成效 from score(submission).
func scoreAll(t *testing.T, w *assignWorld, score func(sub int64) (float64, float64)) {
	t.Helper()
	for _, a := range w.users {
		tasks, err := w.svc.MyTasks(w.ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range tasks {
			if err := w.svc.Declare(w.ctx, a, task.ID, false, ""); err != nil {
				t.Fatal(err)
			}
			x, y := score(task.Submission.ID)
			if _, err := w.svc.SaveScores(w.ctx, a, review.ScoreForm{Task: task.ID, Version: task.Version + 1, Scores: []float64{x, y}, Final: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestScoreFormDraftsKeepTheirRubricVersion(t *testing.T) {
	w := newAssignWorld(t)
	if _, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil); err != nil {
		t.Fatal(err)
	}
	a := w.users[w.eA1]
	tasks, _ := w.svc.MyTasks(w.ctx, a)
	task := tasks[0]
	// scoring before the 回避声明 is refused.
	_, err := w.svc.SaveScores(w.ctx, a, review.ScoreForm{Task: task.ID, Version: task.Version, Scores: []float64{30}})
	mustCode(t, err, app.EINVALID)
	if err := w.svc.Declare(w.ctx, a, task.ID, false, ""); err != nil {
		t.Fatal(err)
	}
	v, err := w.svc.SaveScores(w.ctx, a, review.ScoreForm{Task: task.ID, Version: task.Version + 1, Scores: []float64{30}})
	if err != nil {
		t.Fatal(err)
	}
	// the organiser revises the rubric; the draft stays on version 1.
	if v2, err := w.svc.ReviseRubric(w.ctx, w.w.CityAdmin, w.c, []review.RubricItem{{Name: "选题", Max: 30}, {Name: "过程", Max: 30}, {Name: "成效", Max: 40}}); err != nil || v2 != 2 {
		t.Fatal(v2, err)
	}
	got, err := w.svc.FindTask(w.ctx, a, task.ID)
	if err != nil || got.RubricVersion != 1 || len(got.Rubric) != 2 || len(got.Scores) != 1 || got.Scores[0] != 30 {
		t.Fatalf("task = %+v, %v", got, err)
	}
	_, err = w.svc.SaveScores(w.ctx, a, review.ScoreForm{Task: task.ID, Version: v, Scores: []float64{30, 61}, Final: true})
	if err == nil || !strings.Contains(err.Error(), "成效") {
		t.Fatalf("over full marks: %v", err)
	}
	_, err = w.svc.SaveScores(w.ctx, a, review.ScoreForm{Task: task.ID, Version: v - 1, Scores: []float64{30, 50}, Final: true})
	mustCode(t, err, app.ECONFLICT)
	if _, err = w.svc.SaveScores(w.ctx, a, review.ScoreForm{Task: task.ID, Version: v, Scores: []float64{30, 50}, Final: true}); err != nil {
		t.Fatal(err)
	}
	got, _ = w.svc.FindTask(w.ctx, a, task.ID)
	if got.Status != review.AsDone || got.Total == nil || *got.Total != 80 {
		t.Fatalf("done task = %+v", got)
	}
	e, _ := w.svc.FindExpertByID(w.ctx, w.w.CityAdmin, w.eA1)
	if e.Done != 1 || e.Late != 0 {
		t.Fatalf("expert record = %+v", e)
	}
}

func TestResultsPublicityObjectionsAndCertificates(t *testing.T) {
	w := newAssignWorld(t)
	if _, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil); err != nil {
		t.Fatal(err)
	}
	todos := &notify.Service{DB: w.w.DB}
	for _, a := range w.users {
		if tasks, _ := w.svc.MyTasks(w.ctx, a); len(tasks) > 0 {
			if n, err := todos.OpenTodoCount(w.ctx, a); err != nil || n != 1 {
				t.Fatalf("%s has %d 待办 for %d tasks, %v", a.Username, n, len(tasks), err)
			}
		}
	}
	// s1 scores 90 from everyone, s2 80, s3 70 (李教授 has no account and
	// scores nothing; the mean is over the finished reviews).
	scoreAll(t, w, func(sub int64) (float64, float64) {
		return 30, map[int64]float64{w.s1: 60, w.s2: 50, w.s3: 40}[sub]
	})
	for _, a := range w.users {
		if n, _ := todos.OpenTodoCount(w.ctx, a); n != 0 {
			t.Fatalf("%s still has %d 待办 after scoring everything", a.Username, n)
		}
	}
	ranked, err := w.svc.AggregateCampaign(w.ctx, w.w.CityAdmin, w.c)
	if err != nil || len(ranked) != 3 || ranked[0].Submission != w.s1 || !near(ranked[0].Value, 90) || ranked[2].Submission != w.s3 {
		t.Fatalf("ranked = %+v, %v", ranked, err)
	}
	if x, _ := w.svc.FindSubmissionByID(w.ctx, w.w.CityAdmin, w.s1); x.ScoreMethod != review.MethodMean || x.ScoreText() != "90.00" || x.Rank != 1 {
		t.Fatalf("stored result = %+v", x)
	}
	if err := w.svc.StartPublicity(w.ctx, w.w.CityAdmin, w.c, "2025-09-10", "2025-09-16"); err != nil {
		t.Fatal(err)
	}
	obj, _, err := w.svc.FileObjection(w.ctx, w.w.TeacherUserA, w.s2, "该案例与已发表论文雷同")
	if err != nil {
		t.Fatal(err)
	}
	w.now = time.Date(2025, 9, 17, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if _, err := w.svc.Finalize(w.ctx, w.w.CityAdmin, w.c); err == nil || !strings.Contains(err.Error(), "未处理") {
		t.Fatalf("finalize with an open objection: %v", err)
	}
	if _, err := w.svc.ResolveObjection(w.ctx, w.w.CityAdmin, obj, true, "经核实属实，取消入选"); err != nil {
		t.Fatal(err)
	}
	n, err := w.svc.Finalize(w.ctx, w.w.CityAdmin, w.c)
	if err != nil || n != 2 {
		t.Fatalf("issued %d, %v", n, err)
	}
	certs, err := w.svc.CertificatesOf(w.ctx, w.w.CityAdmin, w.c)
	if err != nil || len(certs) != 2 || certs[0].Holder != "陈鹿城" {
		t.Fatalf("certs = %+v, %v", certs, err)
	}
	got, err := w.svc.CheckCertificate(w.ctx, strings.ToLower(certs[0].Serial))
	if err != nil || got != certs[0] {
		t.Fatalf("check = %+v, %v", got, err)
	}
	if _, err := w.svc.CheckCertificate(w.ctx, "AAAA-AAAA-AAAA-AAAA"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("made-up serial: %v", err)
	}
	if len(certs[0].Serial) != 19 || certs[0].Serial == certs[1].Serial {
		t.Fatalf("serials %q %q", certs[0].Serial, certs[1].Serial)
	}
	// the 成果库: an awarded entry is published, a struck-off one is not.
	if _, err := w.svc.Publish(w.ctx, w.w.CityAdmin, w.s2, review.OutcomeCase); err == nil {
		t.Fatal("published an entry whose objection was upheld")
	}
	if _, err := w.svc.Publish(w.ctx, w.w.CityAdmin, w.s1, review.OutcomeCase); err != nil {
		t.Fatal(err)
	}
	list, n, err := w.svc.FindOutcomes(w.ctx, w.w.TeacherUserA, review.OutcomeFilter{Kind: review.OutcomeCase, Subject: "数学"})
	if err != nil || n != 1 || list[0].Title != "鹿城案例" {
		t.Fatalf("outcomes = %+v, %v", list, err)
	}
	if _, n, _ := w.svc.FindOutcomes(w.ctx, w.w.TeacherUserA, review.OutcomeFilter{Subject: "语文"}); n != 0 {
		t.Fatal("subject filter not applied")
	}
}

var textObj = regexp.MustCompile(`<([0-9A-F]+)> Tj`)

// pdfTexts parses a PDF written by WritePDF back: the xref offsets must
// point at their objects, and every text object is decoded from UTF-16BE.
func pdfTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Fatal("not a PDF")
	}
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	xref, _ := strconv.Atoi(strings.Fields(string(pdf[i+10:]))[0])
	if !bytes.HasPrefix(pdf[xref:], []byte("xref\n")) {
		t.Fatal("startxref does not point at the xref table")
	}
	lines := strings.Split(string(pdf[xref:]), "\n")
	for n := 1; n <= 7; n++ {
		off, _ := strconv.Atoi(lines[2+n][:10])
		if !bytes.HasPrefix(pdf[off:], []byte(strconv.Itoa(n)+" 0 obj")) {
			t.Fatalf("xref entry %d points at %q", n, pdf[off:off+10])
		}
	}
	if !bytes.Contains(pdf, []byte("/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H")) {
		t.Fatal("no STSong-Light Type0 font")
	}
	var out []string
	for _, m := range textObj.FindAllSubmatch(pdf, -1) {
		b, _ := hex.DecodeString(string(m[1]))
		u := make([]uint16, len(b)/2)
		for k := range u {
			u[k] = uint16(b[2*k])<<8 | uint16(b[2*k+1])
		}
		out = append(out, string(utf16.Decode(u)))
	}
	return out
}

func TestCertificatePDFCarriesSerialAndText(t *testing.T) {
	c := review.Certificate{Serial: "ABCD-EFGH-IJKL-MNOP", Holder: "陈鹿城", Award: "入选：分数的意义", Campaign: "2025年优秀教学案例评比", Issued: "2025-09-17"}
	texts := pdfTexts(t, review.CertificatePDF(c, "https://jy.example.cn/certificates/ABCD-EFGH-IJKL-MNOP"))
	all := strings.Join(texts, "\n")
	for _, want := range []string{"荣誉证书", "陈鹿城：", "证书编号：ABCD-EFGH-IJKL-MNOP", "2025年优秀教学案例评比", "查验地址：https://jy.example.cn/certificates/ABCD-EFGH-IJKL-MNOP"} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, all)
		}
	}
}
