package web

import (
	"bytes"
	"context"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jiaoyan/internal/exchange"
)

// MaxExport is the most rows one export sends.
const MaxExport = 200000

// ExportColumns are the export columns of an import spec, so an export
// can be edited and imported back.
func ExportColumns(spec exchange.Spec) []exchange.ExportColumn {
	cols := make([]exchange.ExportColumn, len(spec.Columns))
	for i, c := range spec.Columns {
		cols[i] = exchange.ExportColumn{Header: c.Header, Kind: c.Kind, Width: c.Width}
	}
	return cols
}

// SendExport sends rows as an xlsx download named name in spec's columns.
// Past ExportJobRows rows the file is written by an export job with
// progress, as SendExportOrJob does, and the user is sent to its page.
func SendExport(w http.ResponseWriter, r *http.Request, name string, spec exchange.Spec, rows iter.Seq[[]string]) {
	sendRows(w, r, name, spec.Name, ExportColumns(spec), 0, rows)
}

// SendColumns is SendExport in typed columns of the caller's own (number
// cells for KindInt and KindDecimal, so a sheet sums and sorts).
func SendColumns(w http.ResponseWriter, r *http.Request, name string, cols []exchange.ExportColumn, rows iter.Seq[[]string]) {
	sendRows(w, r, name, strings.TrimSuffix(name, ".xlsx"), cols, 0, rows)
}

// sendRows sends the export of rows: at once when they are at most
// ExportJobRows, else through an export job that writes the rows read so
// far and then the rest. rows must not depend on the request's context
// (they are read on in the job, after the request has ended). about is the
// number of rows when known, else 0.
func sendRows(w http.ResponseWriter, r *http.Request, name, sheet string, cols []exchange.ExportColumn, about int, rows iter.Seq[[]string]) {
	next, stop := iter.Pull(rows)
	var head [][]string
	for len(head) <= ExportJobRows {
		row, ok := next()
		if !ok {
			break
		}
		head = append(head, row)
	}
	if len(head) <= ExportJobRows {
		stop()
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, sheet, cols, slices.Values(head)); err != nil {
			Fail(w, r, err)
			return
		}
		SendXLSX(w, name, buf.Bytes())
		return
	}
	startExportJob(w, r, name, sheet, cols, about, func(ctx context.Context, yield func([]string) bool) error {
		defer stop()
		for i, row := range head {
			head[i] = nil // written: let it go
			if !yield(row) {
				return nil
			}
		}
		for {
			row, ok := next()
			if !ok || !yield(row) {
				return ctx.Err()
			}
		}
	})
}

// SendExportStream is SendExport of rows that come straight from the
// database: rows yields them one at a time (nothing holds the whole list)
// and rowsErr, asked once rows is drained, reports a failed read, in which
// case the error page is sent instead of a partial file.
func SendExportStream(w http.ResponseWriter, r *http.Request, name string, spec exchange.Spec, rows iter.Seq[[]string], rowsErr func() error) {
	var buf bytes.Buffer
	err := WriteXLSX(&buf, spec.Name, ExportColumns(spec), rows)
	if err == nil {
		err = rowsErr()
	}
	if err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, name, buf.Bytes())
}

// SendTable is a simple export: headers and the rows under them. Past
// ExportJobRows rows it is an export job, as SendExport.
func SendTable(w http.ResponseWriter, r *http.Request, name string, headers []string, rows [][]string) {
	cols := make([]exchange.ExportColumn, len(headers))
	for i, h := range headers {
		cols[i] = exchange.ExportColumn{Header: h}
	}
	sendRows(w, r, name, strings.TrimSuffix(name, ".xlsx"), cols, len(rows), slices.Values(rows))
}

// YesNoText is 是 or 否.
func YesNoText(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// Itoa formats n, or "" for zero.
func Itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
