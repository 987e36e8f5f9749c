package qualityweb

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/web"
)

const maxUpload = 64 << 20

func nowCST() time.Time { return time.Now().In(web.CST) }

// uploaded reads the form's file; ok is false with a Chinese error page sent.
func uploaded(w http.ResponseWriter, r *http.Request) (name string, data []byte, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		web.Render(w, r, http.StatusUnprocessableEntity, "error", web.Page{Title: "上传失败", Error: "请选择要上传的 Excel（.xlsx）或 CSV 文件，文件不超过 64 MB"})
		return "", nil, false
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil || len(data) > maxUpload {
		web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: "文件超过 64 MB，请按科目拆分后分批导入"})
		return "", nil, false
	}
	return hdr.Filename, data, true
}

// paperUpload imports a 题目表 at once (a paper is small).
func (s *module) paperUpload(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, data, ok := "", []byte(nil), true
	if subj := web.FormStr(r, "subject"); subj != "" {
		name, data = "科目.csv", paperOfTotal(subj, web.FormStr(r, "full"))
	} else if name, data, ok = uploaded(w, r); !ok {
		return
	}
	if _, err := s.Quality.ImportPaper(r.Context(), web.ActorOf(r), id, name, data); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/exams/"+web.Itoa64(id)+"?done=paper")
}

// jobResult is the job page's outcome: a note, the page to go back to and
// the rows with errors (行, 列, 问题).
func jobResult(back, note string, rows ...rowError) string {
	b, _ := json.Marshal(struct { // errcheck: strings and ints always marshal
		Back, Note string
		Errors     []rowError
	}{back, note, rows})
	return string(b)
}

// rowError is one line of the job page's error table.
type rowError struct {
	Row     int
	Column  string
	Message string
}

// rowErrors lists the bad rows of a scores import.
func rowErrors(err error) []rowError {
	var re quality.RowErrors
	if !errors.As(err, &re) {
		return nil
	}
	var out []rowError
	for _, e := range re.All {
		out = append(out, rowError{Row: e.Row, Column: e.Field, Message: e.Message})
	}
	return out
}

// scoresUpload stores the scores file as a job and runs the import, and
// with then=analyze (the 导入并分析 button) the analysis in the same job.
func (s *module) scoresUpload(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	a := web.ActorOf(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, data, ok := uploaded(w, r)
	if !ok {
		return
	}
	back := "/exams/" + web.Itoa64(id)
	if web.FormStr(r, "then") == "analyze" {
		s.startJob(w, r, jobs.NewJob{Kind: "quality.scores", Message: "正在导入成绩并分析"},
			func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
				res, err := s.Quality.ImportAndAnalyze(ctx, a, id, name, data, t)
				return importAnalysisOutcome(back, res, err), nil
			})
		return
	}
	s.startJob(w, r, jobs.NewJob{Kind: "quality.scores", Message: "正在导入成绩"},
		func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
			out, err := s.Quality.ImportScores(ctx, a, id, name, data, t)
			if err != nil {
				return importFailed(back, err), nil
			}
			return jobs.Outcome{Message: "成绩已导入", Result: jobResult(back, importNote(out)+"。请重新运行分析。")}, nil
		})
}

// importFailed is the job outcome of a scores file that was not imported.
func importFailed(back string, err error) jobs.Outcome {
	rows := rowErrors(err)
	msg := "成绩未导入：" + app.ErrorMessage(err)
	if len(rows) > 1 {
		msg = fmt.Sprintf("成绩表有 %d 处错误，整个文件都未导入，请按下表改正后重新上传", len(rows))
	}
	return jobs.Outcome{Failed: true, Message: msg, Result: jobResult(back, rowHint(err), rows...)}
}

// importNote says which subjects an import replaced and which it kept.
func importNote(out quality.ScoresOutcome) string {
	var parts []string
	for _, x := range out.Subjects {
		p := fmt.Sprintf("%s %d人（缺考%d人）", x.Subject, x.Students, x.Absent)
		if x.TotalsOnly {
			p += "，只有成绩"
		}
		parts = append(parts, p)
	}
	note := "已替换：" + strings.Join(parts, "；")
	if len(out.Missing) > 0 {
		note += "。文件中没有的科目保持不变：" + strings.Join(out.Missing, "、")
	}
	return note
}

// importAnalysisOutcome is the job outcome of 导入并分析: not imported,
// imported but not analysed, or imported with the report stored.
func importAnalysisOutcome(back string, res quality.ImportAnalysis, err error) jobs.Outcome {
	switch {
	case err != nil && len(res.Subjects) == 0:
		return importFailed(back, err)
	case err != nil:
		return jobs.Outcome{Failed: true, Message: "成绩已导入，但分析未完成：" + app.ErrorMessage(err),
			Result: jobResult(back, importNote(res.ScoresOutcome)+"。原有报告保持不变，改正后请重新运行分析。")}
	}
	note := importNote(res.ScoresOutcome) + "。报告已保存，打开报告即可查看，页面不再重新计算。"
	if res.Reread {
		note = importNote(res.ScoresOutcome) + "。报告按本次考试全部已导入的成绩（含保持不变的科目）重新分析并已保存。"
	}
	return jobs.Outcome{Message: "成绩已导入，分析已完成，报告已保存", Result: jobResult(back+"/report", note)}
}

// rowHint names the row and column of an import error.
func rowHint(err error) string {
	if e, ok := err.(*app.Error); ok && e.Row > 0 {
		return fmt.Sprintf("出错位置：第%d行，“%s”列。整个文件都未导入，改正后重新上传即可。", e.Row, e.Field)
	}
	return "整个文件都未导入，改正后重新上传即可。"
}

// analyzeStart runs the analysis of the stored scores as a job.
func (s *module) analyzeStart(w http.ResponseWriter, r *http.Request) {
	id, err := s.managedExam(r)
	a := web.ActorOf(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	back := "/exams/" + web.Itoa64(id) + "/report"
	s.startJob(w, r, jobs.NewJob{Kind: "quality.analyze", Message: "正在分析"},
		func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
			if _, err := s.Quality.Analyze(ctx, a, id, t); err != nil {
				return jobs.Outcome{Failed: true, Message: "分析未完成：" + app.ErrorMessage(err), Result: jobResult("/exams/"+web.Itoa64(id), "")}, nil
			}
			return jobs.Outcome{Message: "分析已完成，报告已保存", Result: jobResult(back, "报告已保存，打开报告即可查看，页面不再重新计算。")}, nil
		})
}

func (s *module) startJob(w http.ResponseWriter, r *http.Request, n jobs.NewJob, work jobs.Work) {
	jid, err := s.Jobs.Add(r.Context(), web.ActorOf(r), n)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.RunJob(r, jid, work)
	web.Redirect(w, r, "/jobs/"+web.Itoa64(jid))
}

// managedExam returns the {id} of an exam the user may see and manage:
// ENOTFOUND for one out of sight, EFORBIDDEN for a participant's.
func (s *module) managedExam(r *http.Request) (int64, error) {
	id, err := web.PathID(r)
	a := web.ActorOf(r)
	if err == nil {
		_, err = s.Quality.FindExamByID(r.Context(), a, id)
	}
	if err == nil && !s.Quality.CanManage(r.Context(), a, id) {
		err = app.Errorf(app.EFORBIDDEN, "只有考试的组织单位可以导入成绩和运行分析")
	}
	return id, err
}

// paperOfTotal is the 题目表 of a subject given on the form as a name and
// its full marks: one score for the whole paper (只有成绩).
func paperOfTotal(subject, full string) []byte {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"科目", "题号", "满分"})    // errcheck: a strings.Builder does not fail
	w.Write([]string{subject, "全卷", full}) // errcheck: as above
	w.Flush()
	return []byte(b.String())
}

func errorsAs(err error, target any) bool { return err != nil && errors.As(err, target) }
