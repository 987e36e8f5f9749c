package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/jobs"
)

// ExportJobRows is the size past which an export runs as a background job
// with progress (导出任务) instead of in the request: a user waiting on a
// blank download for 60,000 rows sees nothing move, and a proxy may cut it.
var ExportJobRows = 20000 // a variable so tests may lower it

// KindExport is the job kind of an export.
const KindExport = "export"

// ExportRows yields an export's rows under ctx until yield returns false,
// and returns a failed read. It must not hold the whole list (read it in
// batches, e.g. a keyset walk).
type ExportRows func(ctx context.Context, yield func([]string) bool) error

// SendExportOrJob sends the export of rows as the xlsx download name in
// spec's columns. about is the expected number of rows (an estimate will
// do): up to ExportJobRows the file is sent at once, streamed from the
// query; past it a job writes the file, reporting its progress, and the
// user is sent to the job page, which offers the file when it is done. The
// job reads as the requesting actor, under the job's own context.
func SendExportOrJob(w http.ResponseWriter, r *http.Request, name string, spec exchange.Spec, about int, rows ExportRows) {
	if about <= ExportJobRows {
		var err error
		seq := func(yield func([]string) bool) { err = rows(r.Context(), yield) }
		SendExportStream(w, r, name, spec, seq, func() error { return err })
		return
	}
	startExportJob(w, r, name, spec.Name, ExportColumns(spec), about, rows)
}

// startExportJob runs the export of rows as a job and sends the user to
// its page. about is the expected number of rows, 0 when not known (the
// page then counts the rows written).
func startExportJob(w http.ResponseWriter, r *http.Request, name, sheet string, cols []exchange.ExportColumn, about int, rows ExportRows) {
	s := serverOf(r)
	id, err := s.Jobs.Add(r.Context(), ActorOf(r), jobs.NewJob{Kind: KindExport, Message: "正在导出" + name})
	if err != nil {
		Fail(w, r, err)
		return
	}
	RunJob(r, id, exportWork(name, sheet, cols, about, rows, r.URL.Path))
	Redirect(w, r, "/jobs/"+Itoa64(id))
}

// exportProgressEvery is how many rows pass between progress reports.
const exportProgressEvery = 500

// exportWork writes the export in a job: rows into the xlsx writer with a
// progress report every exportProgressEvery rows, then the file, sealed,
// into the job's files for the job page's download link.
func exportWork(name, sheet string, cols []exchange.ExportColumn, about int, rows ExportRows, back string) jobs.Work {
	return func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
		n := 0
		var readErr error
		t.Report(0, about, "正在导出")
		seq := func(yield func([]string) bool) {
			readErr = rows(ctx, func(row []string) bool {
				n++
				if n%exportProgressEvery == 0 {
					t.Report(n, progressTotal(about, n), "正在导出")
				}
				return yield(row)
			})
		}
		var buf bytes.Buffer
		err := WriteXLSX(&buf, sheet, cols, seq)
		if err == nil {
			err = readErr
		}
		if err != nil {
			return jobs.Outcome{}, err
		}
		t.Report(n, n, "正在保存文件")
		if err := t.SaveFile(name, buf.Bytes()); err != nil {
			return jobs.Outcome{}, err
		}
		res, err := json.Marshal(importOutcome{Download: name, Back: backOf(back)})
		return jobs.Outcome{Message: fmt.Sprintf("已导出 %d 行，请下载文件", n), Result: string(res)}, err
	}
}

// progressTotal is the total a job reports after n rows: about, or 0 (the
// page shows the rows written) when the total is not known.
func progressTotal(about, n int) int {
	if about == 0 {
		return 0
	}
	return max(about, n)
}

// backOf is the list page an export path (/export/people) came from.
func backOf(exportPath string) string {
	if rest, ok := strings.CutPrefix(exportPath, "/export/"); ok && rest != "" {
		return "/" + rest
	}
	return "/"
}

// jobFile sends the file an export job wrote.
func (s *Server) jobFile(w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	var j jobs.Job
	if err == nil {
		j, err = s.Jobs.Get(r.Context(), ActorOf(r), id)
	}
	var out importOutcome
	if err == nil {
		err = decodeJSON("job result", j.Result, &out)
	}
	if err == nil && out.Download == "" {
		err = ErrNotFound("文件")
	}
	var b []byte
	if err == nil {
		b, err = s.Jobs.File(r.Context(), ActorOf(r), id, out.Download)
	}
	if err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, out.Download, b)
}
