package exchange

import (
	"fmt"
	"sort"
	"strings"

	"jiaoyan/internal/app"
)

// RowError is one problem with one cell (or, with Column empty, one row) of
// an imported file. Row is the 1-based row number in the user's file; Column
// is the Column.Key of the spec, or "" for the row as a whole.
type RowError struct {
	Row     int
	Column  string
	Message string
}

// RowErrors collects the problems found in an import. Any error means the
// import must not be written; ErrorReport gives the file back to the user.
type RowErrors []RowError

// Add appends an error about one cell.
func (e *RowErrors) Add(row int, column, format string, args ...any) {
	*e = append(*e, RowError{Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
}

// Sort orders the errors by row, keeping the order within a row.
func (e RowErrors) Sort() {
	sort.SliceStable(e, func(i, j int) bool { return e[i].Row < e[j].Row })
}

// ForRow returns the errors of one row.
func (e RowErrors) ForRow(row int) RowErrors {
	var out RowErrors
	for _, x := range e {
		if x.Row == row {
			out = append(out, x)
		}
	}
	return out
}

// Err returns nil when there are no errors, otherwise an EINVALID *app.Error
// naming the count and the first few problems, with Row set to the first bad
// row. headers maps column keys to the headers shown to the user; it may be nil.
func (e RowErrors) Err(headers map[string]string) error {
	if len(e) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "文件中有 %d 处错误，未导入任何数据", len(e))
	for i, x := range e {
		if i == 3 {
			b.WriteString("；……")
			break
		}
		fmt.Fprintf(&b, "；第%d行", x.Row)
		if h := headerOf(headers, x.Column); h != "" {
			fmt.Fprintf(&b, "“%s”", h)
		}
		b.WriteString("：" + x.Message)
	}
	return &app.Error{Code: app.EINVALID, Message: b.String(), Field: e[0].Column}
}

func headerOf(headers map[string]string, key string) string {
	if h, ok := headers[key]; ok {
		return h
	}
	return key
}

// fileError returns an EINVALID error about the file as a whole.
func fileError(format string, args ...any) *app.Error {
	return app.Errorf(app.EINVALID, format, args...)
}

// tooLarge returns an ETOOLARGE error about the file as a whole.
func tooLarge(format string, args ...any) *app.Error {
	return app.Errorf(app.ETOOLARGE, format, args...)
}

// corrupt returns the message for an unreadable file, keeping the cause for the log.
func corrupt(err error) *app.Error {
	e := fileError(msgCorrupt)
	e.Err = err
	return e
}

// recoverCorrupt turns a panic inside the xlsx library, caused by a file
// crafted to trip it, into the corrupt-file error.
func recoverCorrupt(err *error) {
	if r := recover(); r != nil {
		*err = corrupt(fmt.Errorf("panic reading file: %v", r))
	}
}

// AddUpTo appends more until e holds max errors and reports whether any
// had to be left out: error collection stops at a cap so that a file of
// bad rows costs time in proportion to its size, and says so.
func (e *RowErrors) AddUpTo(max int, more ...RowError) (capped bool) {
	room := max - len(*e)
	if room >= len(more) {
		*e = append(*e, more...)
		return false
	}
	if room > 0 {
		*e = append(*e, more[:room]...)
	}
	return true
}
