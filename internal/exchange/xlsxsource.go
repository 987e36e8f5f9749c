package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"

	"github.com/xuri/excelize/v2"
)

// mergeLookupLimit is the total worksheet size below which merged header
// cells are looked up; excelize parses a whole sheet to list its merges.
const mergeLookupLimit = 16 << 20

// workbook is an opened .xlsx with the sheets in their tab order.
type workbook struct {
	f        *excelize.File
	sheets   []string
	date1904 bool
	merges   bool // whether merged cells are small enough to look up
}

// openWorkbook opens data, already checked by checkZip, without evaluating
// anything and with tight unzip limits.
func openWorkbook(data []byte, lim Limits) (*workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.UnzipSizeLimit,
		UnzipXMLSizeLimit: lim.UnzipXMLSizeLimit,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, fileError("文件设置了打开密码或格式不受支持，请取消密码并另存为 .xlsx 后重新上传")
		}
		return nil, corrupt(err)
	}
	wb := &workbook{f: f, merges: sheetBytes(data) < mergeLookupLimit}
	for _, s := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(s); visible {
			wb.sheets = append(wb.sheets, s)
		}
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	return wb, nil
}

// sheet opens one sheet as a row source.
func (wb *workbook) sheet(name string) (*xlsxSource, error) {
	rows, err := wb.f.Rows(name)
	if err != nil {
		return nil, corrupt(err)
	}
	s := &xlsxSource{rows: rows}
	if wb.merges {
		s.merges = mergesOf(wb.f, name)
	}
	return s, nil
}

// xlsxSource streams the rows of one worksheet.
type xlsxSource struct {
	rows   *excelize.Rows
	num    int
	merges []mergeRange
}

func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, corrupt(err)
		}
		return 0, nil, io.EOF
	}
	s.num++
	cells, err := s.rows.Columns()
	if err != nil {
		return 0, nil, corrupt(err)
	}
	return s.num, cells, nil
}

func (s *xlsxSource) close() error { return s.rows.Close() }

// mergeRange is one merged area with the value of its top-left cell.
type mergeRange struct {
	c1, r1, c2, r2 int
	value          string
}

// mergesOf lists a sheet's merged areas; errors leave the list empty.
func mergesOf(f *excelize.File, sheet string) []mergeRange {
	ms, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil
	}
	var out []mergeRange
	for _, m := range ms {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil && c2-c1 < 1000 {
			out = append(out, mergeRange{c1, r1, c2, r2, m.GetCellValue()})
		}
	}
	return out
}

// fillMerged writes each merge's value into the cells of row num it covers,
// so that a header merged over two rows or columns names all of them.
func fillMerged(merges []mergeRange, num int, cells []string) []string {
	for _, m := range merges {
		if num < m.r1 || num > m.r2 {
			continue
		}
		for len(cells) < m.c2 {
			cells = append(cells, "")
		}
		for c := m.c1; c <= m.c2; c++ {
			cells[c-1] = m.value
		}
	}
	return cells
}

// mergedThrough returns the last row of any merge that covers row num, or
// num: data starts below a header whose cells are merged downwards.
func mergedThrough(merges []mergeRange, num int) int {
	end := num
	for _, m := range merges {
		if m.r1 <= num && num <= m.r2 {
			end = max(end, m.r2)
		}
	}
	return end
}

// sheetBytes is the total declared uncompressed size of the worksheets.
func sheetBytes(data []byte) int64 {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	var n int64
	for _, f := range zr.File {
		if bytes.HasPrefix([]byte(f.Name), []byte("xl/worksheets/")) {
			n += int64(f.UncompressedSize64)
		}
	}
	return n
}
