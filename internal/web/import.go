package web

import (
	"bytes"
	"context"
	"encoding/json"
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
	file.Close() // errcheck: a multipart part read to the end; closing it cannot lose data
	if err != nil || len(data) > maxUpload {
		Render(w, r, http.StatusRequestEntityTooLarge, "error", Page{Title: "上传失败", Error: "文件超过 20 MB，请拆分后分批导入"})
		return
	}
	a := ActorOf(r)
	p := importParams{Update: FormBool(r, "update")}
	id, err := s.Jobs.Add(r.Context(), a, importJob(k, hdr.Filename, data, p))
	if err != nil {
		Fail(w, r, err)
		return
	}
	name := hdr.Filename
	RunJob(r, id, func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
		return s.importWork(ctx, t, k, a, name, p)
	})
	Redirect(w, r, "/jobs/"+Itoa64(id))
}

// importOutcome is the job result the job page shows.
type importOutcome struct {
	Result  org.ImportResult
	Errors  []exchange.RowError
	Unused  []string // 未导入的列
	Note    string
	Back    string
	Report  bool
	Missing *exchange.MissingColumns // required columns not found: the page offers the mapping step
	Fields  []importField            // the columns a file header may be mapped to
	// Download names the file an export job wrote (导出任务), offered on the job page.
	Download string
}

// importField is one column of the kind, for the mapping step.
type importField struct {
	Key, Header string
	Required    bool
}

// importWork is the body of an import job: the outcome carries the page's
// result as JSON.
func (s *Server) importWork(ctx context.Context, t *jobs.Tracker, k ImportKind, a app.Actor, name string, p importParams) (jobs.Outcome, error) {
	ok, msg, out := s.doImport(ctx, t, k, a, name, p)
	out.Back = k.Back
	b, err := json.Marshal(out)
	if err != nil {
		return jobs.Outcome{}, err
	}
	return jobs.Outcome{Failed: !ok, Message: msg, Result: string(b)}, nil
}

// doImport runs the kind's import engine on the job's file; a mapping
// given in the mapping step is remembered for the region's next file when
// the import succeeds.
func (s *Server) doImport(ctx context.Context, t *jobs.Tracker, k ImportKind, a app.Actor, name string, p importParams) (bool, string, importOutcome) {
	var out importOutcome
	data, err := t.Input(name)
	if err != nil {
		return false, app.ErrorMessage(err), out
	}
	opt := org.ImportOptions{Update: p.Update, Mapping: p.Mapping, Remember: len(p.Mapping) > 0, Progress: func(done, total int) {
		if total == 0 {
			t.Report(done, 0, fmt.Sprintf("正在读取文件：已读 %d 行", done))
		} else {
			t.Report(done, total, "正在校验并写入数据库")
		}
	}}
	res, err := k.Import(ctx, a, name, data, opt)
	out.Result, out.Errors, out.Unused, out.Note = res.Result, res.Errors, res.Unused, res.Note
	if res.Missing != nil {
		out.Missing = res.Missing
		for _, c := range k.Spec().Columns {
			out.Fields = append(out.Fields, importField{c.Key, c.Header, c.Required})
		}
	}
	if len(res.Report) > 0 {
		out.Report = s.saveReport(t, res.Report)
	}
	if err != nil {
		return false, app.ErrorMessage(err), out
	}
	return res.OK, res.Message, out
}

func (s *Server) saveReport(t *jobs.Tracker, report []byte) bool {
	if err := t.SaveFile(reportName, report); err != nil {
		s.Log.Error("error report", "err", err)
		return false
	}
	return true
}

const reportName = "错误报告.xlsx"
