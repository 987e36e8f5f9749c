package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/org"
)

// importKind is one kind of spreadsheet import the site offers.
type importKind struct {
	Key, Title, Perm, Back string
	Spec                   func() exchange.Spec
	Run                    func(ctx context.Context, s *Server, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error)
}

var importKinds = map[string]importKind{
	"people": {Key: "people", Title: "人员", Perm: auth.PermPersonEdit, Back: "/people", Spec: org.PersonSpec,
		Run: func(ctx context.Context, s *Server, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
			return s.Org.ImportPeople(ctx, a, org.PersonRows(rows, errs), opt)
		}},
	"orgs": {Key: "orgs", Title: "机构与学校", Perm: auth.PermOrgEdit, Back: "/orgs", Spec: org.OrgSpec,
		Run: func(ctx context.Context, s *Server, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
			return s.Org.ImportOrgs(ctx, a, org.OrgRows(rows, errs), opt)
		}},
	"groups": {Key: "groups", Title: "教研组", Perm: auth.PermGroupEdit, Back: "/groups", Spec: org.GroupSpec,
		Run: func(ctx context.Context, s *Server, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
			return s.Org.ImportGroups(ctx, a, org.GroupRows(rows), opt)
		}},
	"regions": {Key: "regions", Title: "行政区域", Perm: auth.PermRegionEdit, Back: "/regions", Spec: org.RegionSpec,
		Run: func(ctx context.Context, s *Server, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt org.ImportOptions) (org.ImportResult, error) {
			return s.Org.ImportRegions(ctx, a, org.RegionRows(rows), opt)
		}},
}

// kindOf returns the import kind of the {kind} path value the actor may use.
func kindOf(r *http.Request) (importKind, error) {
	k, ok := importKinds[r.PathValue("kind")]
	if !ok {
		return k, app.Errorf(app.ENOTFOUND, "没有这种导入")
	}
	if err := actorOf(r).Require(k.Perm); err != nil {
		return k, err
	}
	return k, nil
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	k, err := kindOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "import_form", page{Title: "导入" + k.Title,
		Crumbs: []crumb{{k.Title, k.Back}, {Name: "导入"}}, Data: struct {
			Kind importKind
			Spec exchange.Spec
		}{k, k.Spec()}})
}

func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	k, err := kindOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := exchange.Template(&buf, k.Spec()); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, k.Title+"导入模板.xlsx", buf.Bytes())
}

const maxUpload = 20 << 20

// importSubmit stores the upload as a job and starts it; the browser goes
// to the job page, which shows progress and the outcome.
func (s *Server) importSubmit(w http.ResponseWriter, r *http.Request) {
	k, err := kindOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "error", page{Title: "上传失败", Error: "请选择要上传的 Excel（.xlsx）或 CSV 文件，文件不超过 20 MB"})
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, maxUpload+1))
	file.Close()
	if err != nil || len(data) > maxUpload {
		s.render(w, r, http.StatusRequestEntityTooLarge, "error", page{Title: "上传失败", Error: "文件超过 20 MB，请拆分后分批导入"})
		return
	}
	a := actorOf(r)
	id, err := s.Jobs.Create(r.Context(), a, "import."+k.Key, "排队中", hdr.Filename, data)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	go s.runImportJob(id, k, a, hdr.Filename, formBool(r, "update"))
	redirect(w, r, "/jobs/"+itoa64(id))
}

// importOutcome is the job result the job page shows.
type importOutcome struct {
	Result org.ImportResult
	Errors []exchange.RowError
	Back   string
	Report bool
}

func (s *Server) runImportJob(id int64, k importKind, a app.Actor, name string, update bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	t := s.Jobs.Start(ctx, id)
	ok, msg, out := s.doImport(ctx, t, k, a, name, update)
	out.Back = k.Back
	b, _ := json.Marshal(out)
	t.Finish(ok, msg, string(b))
}

func (s *Server) doImport(ctx context.Context, t *jobs.Tracker, k importKind, a app.Actor, name string, update bool) (bool, string, importOutcome) {
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
		out.Result, err = k.Run(ctx, s, a, rows, &errs, opt)
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

func sendXLSX(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", contentDisposition(name))
	w.Write(data)
}

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
