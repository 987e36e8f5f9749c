package liaisonweb

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// targetSpec is the one-column template of a round's target schools.
var targetSpec = exchange.Spec{Name: "目标学校", Note: "每行一所学校，填写 10 位学校标识码；全部有效才会导入。",
	Columns: []exchange.Column{{Key: "school_code", Header: "学校标识码", Aliases: []string{"学校代码", "标识码"},
		Kind: exchange.KindCode, Required: true}}}

// roundTemplate sends the target-school template.
func (s *module) roundTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := exchange.Template(&buf, targetSpec); err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendXLSX(w, "目标学校导入模板.xlsx", buf.Bytes())
}

// uploadedCodes reads 学校标识码 from the uploaded file (xlsx or csv) with
// the file's row numbers; ok is false when no file was sent. Cell errors
// come back as one EINVALID listing the rows.
func uploadedCodes(r *http.Request) (rows []liaison.CodeRow, ok bool, err error) {
	f, hdr, ferr := r.FormFile("file")
	if ferr != nil {
		return nil, false, nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, exchange.DefaultLimits.MaxFileBytes+1))
	if err != nil {
		return nil, true, err
	}
	rd, err := exchange.OpenBytes(hdr.Filename, data, targetSpec, exchange.Limits{})
	if err != nil {
		return nil, true, err
	}
	defer rd.Close()
	all, errs, err := rd.All()
	if err == nil && len(errs) > 0 {
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, fmt.Sprintf("第%d行：%s", e.Row, e.Message))
		}
		err = app.Invalid("codes", "文件有误，未导入任何学校：%s", strings.Join(msgs, "；"))
	}
	for _, row := range all {
		rows = append(rows, liaison.CodeRow{Row: row.Num, Code: row.Values["school_code"]})
	}
	return rows, true, err
}
