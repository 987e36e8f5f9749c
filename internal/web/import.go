package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
)

// collectImports collects the modules' import kinds by key; a key offered
// twice is an error.
func (s *Server) collectImports() (map[string]ImportKind, error) {
	out := map[string]ImportKind{}
	for _, m := range s.Modules {
		for _, k := range m.ImportKinds() {
			if _, dup := out[k.Key]; dup {
				return nil, fmt.Errorf("web: import kind %q is offered twice", k.Key)
			}
			out[k.Key] = k
		}
	}
	return out, nil
}

// kindOf returns the import kind of the {kind} path value the actor may use.
func kindOf(r *http.Request) (ImportKind, error) {
	k, ok := serverOf(r).imports[r.PathValue("kind")]
	if !ok {
		return k, app.Errorf(app.ENOTFOUND, "没有这种导入")
	}
	if err := ActorOf(r).Require(k.Perm); err != nil {
		return k, err
	}
	return k, nil
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	k, err := kindOf(r)
	if err != nil {
		Fail(w, r, err)
		return
	}
	Render(w, r, http.StatusOK, "import_form", Page{Title: "导入" + k.Title,
		Crumbs: []Crumb{{k.Title, k.Back}, {Name: "导入"}}, Data: struct {
			Kind ImportKind
			Spec exchange.Spec
		}{k, k.Spec()}})
}

func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	k, err := kindOf(r)
	if err != nil {
		Fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := exchange.Template(&buf, k.Spec()); err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, k.Title+"导入模板.xlsx", buf.Bytes())
}

const maxUpload = 20 << 20

// importSubmit stores the upload as a job and starts it; the browser goes
// to the job page, which shows progress and the outcome.
func (s *Server) importSubmit(w http.ResponseWriter, r *http.Request) {
	k, err := kindOf(r)
	if err != nil {
		Fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		Render(w, r, http.StatusUnprocessableEntity, "error", Page{Title: "上传失败", Error: "请选择要上传的 Excel（.xlsx）或 CSV 文件，文件不超过 20 MB"})
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, maxUpload+1))
	file.Close()
	if err != nil || len(data) > maxUpload {
		Render(w, r, http.StatusRequestEntityTooLarge, "error", Page{Title: "上传失败", Error: "文件超过 20 MB，请拆分后分批导入"})
		return
	}
	a := ActorOf(r)
	id, err := s.Jobs.Add(r.Context(), a, importJob(k, hdr.Filename, data, FormBool(r, "update")))
	if err != nil {
		Fail(w, r, err)
		return
	}
	name, update := hdr.Filename, FormBool(r, "update")
	RunJob(r, id, func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
		return s.importWork(ctx, t, k, a, name, update)
	})
	Redirect(w, r, "/jobs/"+Itoa64(id))
}

// importOutcome is the job result the job page shows.
type importOutcome struct {
	Result org.ImportResult
	Errors []exchange.RowError
	Back   string
	Report bool
}

// importWork is the body of an import job: the outcome carries the page's
// result as JSON.
func (s *Server) importWork(ctx context.Context, t *jobs.Tracker, k ImportKind, a app.Actor, name string, update bool) (jobs.Outcome, error) {
	ok, msg, out := s.doImport(ctx, t, k, a, name, update)
	out.Back = k.Back
	b, err := json.Marshal(out)
	if err != nil {
		return jobs.Outcome{}, err
	}
	return jobs.Outcome{Failed: !ok, Message: msg, Result: string(b)}, nil
}

func (s *Server) doImport(ctx context.Context, t *jobs.Tracker, k ImportKind, a app.Actor, name string, update bool) (bool, string, importOutcome) {
	var out importOutcome
	data, err := t.Input(name)
	if err != nil {
		return false, app.ErrorMessage(err), out
	}
	rd, err := exchange.OpenBytes(name, data, k.Spec(), exchange.Limits{})
	if err != nil {
		return false, app.ErrorMessage(err), out
	}
	defer rd.Close()
	rows, errs, err := readAll(rd, t)
	if err != nil {
		return false, app.ErrorMessage(err), out
	}
	opt := org.ImportOptions{Update: update, FileName: name, FileHash: rd.Hash(),
		Progress: func(done, total int) { t.Report(done, total, "正在校验并写入数据库") }}
	if len(errs) == 0 {
		out.Result, err = k.Run(ctx, a, rows, &errs, opt)
		if len(errs) == 0 {
			errs = append(errs, rowErrorsOf(err)...)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		out.Errors, out.Report = titled(errs, rd.Layout().Titles), s.saveReport(t, rd.Layout(), rows, errs)
		return false, errs.Err(rd.Layout().Titles).Error(), out
	}
	if err != nil {
		return false, app.ErrorMessage(err), out
	}
	msg := fmt.Sprintf("导入完成：新增 %d 条，更新 %d 条，未变 %d 条", out.Result.Created, out.Result.Updated, out.Result.Unchanged)
	if out.Result.SeenBefore {
		msg += "（此文件以前导入过，重复的行未重复添加）"
	}
	return true, msg, out
}

// readAll reads every row, reporting progress while it goes.
func readAll(rd *exchange.Reader, t *jobs.Tracker) ([]exchange.Row, exchange.RowErrors, error) {
	var rows []exchange.Row
	var errs exchange.RowErrors
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rows, errs, nil
		}
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, row)
		errs = append(errs, row.Errors...)
		if len(rows)%1000 == 0 {
			t.Report(len(rows), 0, fmt.Sprintf("正在读取文件：已读 %d 行", len(rows)))
		}
	}
}

// fieldColumn maps a service's field name to the import column key.
var fieldColumn = map[string]string{"org_id": "org", "office_id": "office", "parent_code": "parent", "region_code": "region", "parent_id": "parent"}

func rowErrorsOf(err error) exchange.RowErrors {
	var re org.RowErrors
	if !errors.As(err, &re) {
		return nil
	}
	var out exchange.RowErrors
	for _, e := range re {
		col := e.Field
		if c, ok := fieldColumn[col]; ok {
			col = c
		}
		out = append(out, exchange.RowError{Row: e.Row, Column: col, Message: e.Message})
	}
	return out
}

func (s *Server) saveReport(t *jobs.Tracker, lay exchange.Layout, rows []exchange.Row, errs exchange.RowErrors) bool {
	var buf bytes.Buffer
	if err := exchange.ErrorReport(&buf, lay, rows, errs); err != nil {
		s.Log.Error("error report", "err", err)
		return false
	}
	return t.SaveFile(reportName, buf.Bytes()) == nil
}

const reportName = "错误报告.xlsx"

// titled copies errs with each column key replaced by its Chinese header.
func titled(errs exchange.RowErrors, titles map[string]string) []exchange.RowError {
	out := make([]exchange.RowError, len(errs))
	for i, e := range errs {
		if t, ok := titles[e.Column]; ok {
			e.Column = t
		}
		out[i] = e
	}
	return out
}
