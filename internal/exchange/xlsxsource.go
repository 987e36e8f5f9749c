package exchange

import (
	"bytes"
	"errors"
	"io"

	"github.com/xuri/excelize/v2"
)

// workbook is an opened .xlsx with the sheets in their tab order.
type workbook struct {
	f        *excelize.File
	sheets   []string
	date1904 bool
	merges   map[string][]mergeRange // by sheet name
	formulas map[string]map[cellPos]string
}

// xmlInMemory is the largest part excelize keeps in memory; a larger
// worksheet goes to a temporary file, removed by Close, so a big sheet does
// not stay in memory while it streams.
const xmlInMemory = 16 << 20

// openWorkbook opens data, already checked by checkZip, without evaluating
// anything and with tight unzip limits.
func openWorkbook(data []byte, lim Limits) (*workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.UnzipSizeLimit,
		UnzipXMLSizeLimit: min(lim.UnzipXMLSizeLimit, xmlInMemory),
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
	wb := &workbook{f: f}
	wb.merges, wb.formulas = sheetMerges(data)
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
	ms := wb.merges[name]
	return &xlsxSource{rows: rows, merges: ms, filler: newMergeFiller(ms)}, nil
}

// xlsxSource streams the rows of one worksheet.
type xlsxSource struct {
	rows   *excelize.Rows
	num    int
	merges []mergeRange
	filler *mergeFiller
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
	return s.num, s.filler.fill(s.num, cells), nil
}

func (s *xlsxSource) close() error { return s.rows.Close() }
