package web

import (
	"bytes"
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
func SendExport(w http.ResponseWriter, r *http.Request, name string, spec exchange.Spec, rows iter.Seq[[]string]) {
	var buf bytes.Buffer
	if err := exchange.Export(&buf, spec.Name, ExportColumns(spec), rows); err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, name, buf.Bytes())
}

// SendExportStream is SendExport of rows that come straight from the
// database: rows yields them one at a time (nothing holds the whole list)
// and rowsErr, asked once rows is drained, reports a failed read, in which
// case the error page is sent instead of a partial file.
func SendExportStream(w http.ResponseWriter, r *http.Request, name string, spec exchange.Spec, rows iter.Seq[[]string], rowsErr func() error) {
	var buf bytes.Buffer
	err := exchange.Export(&buf, spec.Name, ExportColumns(spec), rows)
	if err == nil {
		err = rowsErr()
	}
	if err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, name, buf.Bytes())
}

// SendTable is a simple export: headers and the rows under them.
func SendTable(w http.ResponseWriter, r *http.Request, name string, headers []string, rows [][]string) {
	cols := make([]exchange.ExportColumn, len(headers))
	for i, h := range headers {
		cols[i] = exchange.ExportColumn{Header: h}
	}
	var buf bytes.Buffer
	if err := exchange.Export(&buf, strings.TrimSuffix(name, ".xlsx"), cols, slices.Values(rows)); err != nil {
		Fail(w, r, err)
		return
	}
	SendXLSX(w, name, buf.Bytes())
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
