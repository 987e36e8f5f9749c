package org

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
)

// ImportOutcome is what an import did or why it wrote nothing.
type ImportOutcome struct {
	OK      bool   // the rows were written (or, for a dry run, would be)
	Message string // one Chinese line for the user
	Result  ImportResult
	Errors  []exchange.RowError // rejected cells; Column is the header as the user wrote it
	Capped  bool                // more errors than Limits.MaxErrors; only the first are listed
	Unused  []string            // the file's columns that were not imported (未导入的列)
	Note    string              // how the reader had to guess (e.g. read the second sheet)
	Report  []byte              // the error report (.xlsx) when there are Errors
	Missing *exchange.MissingColumns
	Mapping map[string]string // the column mapping used: remembered, then given
}

// ImportFile imports a user's .xlsx or .csv file of one kind (regions, orgs,
// people, groups) with the header synonyms, the column mapping and the
// rules shared by the import page and `jiaoyan import`: all rows are written
// in one transaction or none; a row whose natural key exists is unchanged
// when identical, updated with opt.Update, else an error. Row problems come
// back in the outcome (OK false, err nil), at most opt.Limits.MaxErrors of
// them. The error is ENOTFOUND for an unknown kind, EFORBIDDEN, EINVALID or
// ETOOLARGE about the file as a whole (with Outcome.Missing set when required
// columns were not found, for a column-mapping step), or an internal failure.
func (s *Service) ImportFile(ctx context.Context, actor app.Actor, kind, fileName string, data []byte, opt ImportOptions) (ImportOutcome, error) {
	var out ImportOutcome
	k, err := FindImportKind(kind)
	if err != nil {
		return out, err
	}
	if err := actor.Require(k.Perm); err != nil {
		return out, err
	}
	if err := k.checkMapping(opt.Mapping); err != nil {
		return out, err
	}
	if out.Mapping, err = s.importMapping(ctx, actor, k.Key, opt.Mapping); err != nil {
		return out, err
	}
	spec := k.Spec()
	spec.Mapping = out.Mapping
	opt.Limits = opt.Limits.WithDefaults()
	rd, err := exchange.OpenBytes(fileName, data, spec, opt.Limits)
	if err != nil {
		errors.As(err, &out.Missing)
		out.Message = app.ErrorMessage(err)
		return out, err
	}
	defer rd.Close()
	opt.FileName, opt.FileHash = fileName, rd.Hash()
	return s.importRows(ctx, actor, k, rd, data, spec, opt, out)
}

// importRows reads every row (stopping at the error cap), runs the kind
// when the cells are clean, and fills in the outcome.
func (s *Service) importRows(ctx context.Context, actor app.Actor, k ImportKind, rd *exchange.Reader, data []byte,
	spec exchange.Spec, opt ImportOptions, out ImportOutcome) (ImportOutcome, error) {
	rows, errs, capped, err := readRows(rd, opt)
	if err != nil {
		out.Message = app.ErrorMessage(err)
		return out, err
	}
	out.Note, out.Unused = rd.Note(), rd.Unused()
	if len(errs) == 0 {
		out.Result, err = k.run(ctx, s, actor, rows, &errs, opt)
		var re RowErrors
		if errors.As(err, &re) {
			capped = errs.AddUpTo(opt.Limits.MaxErrors, cellErrors(re)...) || capped
		} else if err != nil {
			return out, err
		}
	}
	if len(errs) > 0 {
		return s.rejected(rd, data, spec, opt, rows, errs, capped, out)
	}
	out.OK = true
	out.Message = fmt.Sprintf("导入完成：新增 %d 条，更新 %d 条，未变 %d 条", out.Result.Created, out.Result.Updated, out.Result.Unchanged)
	if opt.DryRun {
		out.Message = fmt.Sprintf("试导入（未写入）：将新增 %d 条，更新 %d 条，未变 %d 条", out.Result.Created, out.Result.Updated, out.Result.Unchanged)
	} else if out.Result.SeenBefore {
		out.Message += "（此文件以前导入过，重复的行未重复添加）"
	}
	if opt.Remember && !opt.DryRun && len(opt.Mapping) > 0 {
		return out, s.rememberMapping(ctx, actor, k.Key, opt.Mapping)
	}
	return out, nil
}

// readRows reads the rows and their cell errors; once the cap is reached it
// stops reading, since nothing will be written anyway.
func readRows(rd *exchange.Reader, opt ImportOptions) ([]exchange.Row, exchange.RowErrors, bool, error) {
	var rows []exchange.Row
	var errs exchange.RowErrors
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rows, errs, false, nil
		}
		if err != nil {
			return nil, nil, false, err
		}
		rows = append(rows, r)
		if errs.AddUpTo(opt.Limits.MaxErrors, r.Errors...) {
			return rows, errs, true, nil
		}
		if opt.Progress != nil && len(rows)%1000 == 0 {
			opt.Progress(len(rows), 0)
		}
	}
}

// rejected fills in the outcome of a file with errors: the listed errors,
// the message, and the error report of the whole file (read again when
// reading stopped at the cap, so that the report loses no row).
func (s *Service) rejected(rd *exchange.Reader, data []byte, spec exchange.Spec, opt ImportOptions, rows []exchange.Row,
	errs exchange.RowErrors, capped bool, out ImportOutcome) (ImportOutcome, error) {
	errs.Sort()
	lay := rd.Layout()
	out.Capped = capped
	out.Message = errs.Err(lay.Titles).Error()
	if capped {
		out.Message = fmt.Sprintf(exchange.MsgTooManyErrors, opt.Limits.MaxErrors, opt.Limits.MaxErrors) + "。" + out.Message
	}
	out.Errors = titled(errs, lay)
	next := sliceRows(rows)
	if capped {
		again, err := exchange.OpenBytes(opt.FileName, data, spec, opt.Limits)
		if err != nil {
			return out, err
		}
		defer again.Close()
		next = again.Next
	}
	var buf bytes.Buffer
	if err := exchange.ErrorReportFunc(&buf, lay, next, errs); err != nil {
		return out, err
	}
	out.Report = buf.Bytes()
	return out, nil
}

func sliceRows(rows []exchange.Row) func() (exchange.Row, error) {
	return func() (exchange.Row, error) {
		if len(rows) == 0 {
			return exchange.Row{}, io.EOF
		}
		r := rows[0]
		rows = rows[1:]
		return r, nil
	}
}

// titled copies errs with each column key replaced by the header the user
// wrote (the template header when the column is not in the file).
func titled(errs exchange.RowErrors, lay exchange.Layout) []exchange.RowError {
	out := make([]exchange.RowError, len(errs))
	for i, e := range errs {
		if at, ok := lay.Index[e.Column]; ok && at < len(lay.Header) {
			e.Column = lay.Header[at]
		} else if t, ok := lay.Titles[e.Column]; ok {
			e.Column = t
		}
		out[i] = e
	}
	return out
}

// checkMapping refuses a mapping to a field the kind does not have.
func (k ImportKind) checkMapping(m map[string]string) error {
	for h, key := range m {
		if key == "" {
			continue
		}
		if _, ok := k.Field(key); !ok {
			return app.Errorf(app.EINVALID, "列“%s”对应的字段不是%s导入的字段", h, k.Title)
		}
	}
	return nil
}
