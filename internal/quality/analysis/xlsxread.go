package analysis

import (
	"errors"
	"io"
	"path/filepath"

	"jiaoyan/internal/app"
	"jiaoyan/internal/exchange"
)

// xlsxLimits bound an uploaded workbook: 1 GiB on disk and unpacked in total,
// 256 MiB for any one part (a worksheet's XML, the shared strings). The
// reader streams, so these bound the work a file can cause, not memory.
var xlsxLimits = exchange.Limits{
	MaxFileBytes:      1 << 30,
	UnzipSizeLimit:    1 << 30,
	UnzipXMLSizeLimit: 256 << 20,
}

// xlsxSource streams the first worksheet of a workbook with the exchange
// package's streaming reader: the sheet XML is scanned as it inflates, so
// memory does not grow with the number of rows.
type xlsxSource struct {
	x        *exchange.XLSX
	rows     *exchange.XLSXRows
	name     string
	record   int
	seen     int
	progress Progress
}

func openXLSX(path string, progress Progress) (rowSource, error) {
	name := filepath.Base(path)
	x, err := exchange.OpenXLSXFile(path, xlsxLimits)
	if err != nil {
		return nil, xlsxError(name, err)
	}
	sheets := x.Sheets()
	if len(sheets) == 0 {
		x.Close()
		return nil, app.Errorf(app.EINVALID, "Excel文件 %s 没有工作表", name)
	}
	rows, err := x.Rows(sheets[0].Name)
	if err != nil {
		x.Close()
		return nil, xlsxError(name, err)
	}
	return &xlsxSource{x: x, rows: rows, name: name, progress: progress}, nil
}

// xlsxError names the file in the reader's Chinese message.
func xlsxError(name string, err error) error {
	var ae *app.Error
	if errors.As(err, &ae) {
		return &app.Error{Code: ae.Code, Message: "Excel文件 " + name + "：" + ae.Message, Err: ae.Err}
	}
	return app.Errorf(app.EINVALID, "无法读取Excel文件 %s：%v", name, err)
}

// Next returns the next row's cells as text. Rows are numbered as in Excel;
// rows without any value are skipped.
func (x *xlsxSource) Next() ([][]byte, error) {
	for {
		num, cells, err := x.rows.Next()
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		if err != nil {
			return nil, xlsxError(x.name, err)
		}
		x.record = num
		if x.seen++; x.progress != nil && x.seen%50000 == 0 {
			x.progress(int64(x.seen), 0)
		}
		if len(cells) == 0 {
			continue
		}
		return cells, nil
	}
}

// Record returns the Excel row number of the row last returned.
func (x *xlsxSource) Record() int { return x.record }

// Close releases the workbook.
func (x *xlsxSource) Close() error {
	x.rows.Close()
	return x.x.Close()
}
