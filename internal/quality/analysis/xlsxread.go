package analysis

import (
	"io"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
)

// Limits for opening an uploaded workbook: 1 GiB unpacked in total and 256 MiB
// for one worksheet's XML kept in memory (larger sheets spill to a temp file).
const (
	xlsxUnzipLimit    = 1 << 30
	xlsxUnzipXMLLimit = 256 << 20
)

// xlsxSource streams the first worksheet of a workbook with excelize's row
// iterator, so memory does not grow with the number of rows.
type xlsxSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	fields   [][]byte
	record   int
	progress Progress
}

func openXLSX(path string, progress Progress) (rowSource, error) {
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit,
	})
	if err != nil {
		return nil, app.Errorf(app.EINVALID, "无法打开Excel文件 %s：%v", filepath.Base(path), err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, app.Errorf(app.EINVALID, "Excel文件 %s 没有工作表", filepath.Base(path))
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, app.Errorf(app.EINVALID, "无法读取工作表 %s：%v", sheets[0], err)
	}
	return &xlsxSource{f: f, rows: rows, progress: progress}, nil
}

// Next returns the next row's cells as text. Rows are numbered as in Excel.
func (x *xlsxSource) Next() ([][]byte, error) {
	for x.rows.Next() {
		x.record++
		cols, err := x.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, app.Errorf(app.EINVALID, "第%d行无法读取：%v", x.record, err)
		}
		if x.progress != nil && x.record%50000 == 0 {
			x.progress(int64(x.record), 0)
		}
		if len(cols) == 0 {
			continue
		}
		x.fields = x.fields[:0]
		for _, c := range cols {
			x.fields = append(x.fields, []byte(c))
		}
		return x.fields, nil
	}
	if err := x.rows.Error(); err != nil {
		return nil, app.Errorf(app.EINVALID, "读取Excel失败：%v", err)
	}
	return nil, io.EOF
}

// Record returns the Excel row number of the row last returned.
func (x *xlsxSource) Record() int { return x.record }

// Close releases the workbook and its temp files.
func (x *xlsxSource) Close() error {
	x.rows.Close()
	return x.f.Close()
}
