package exchange

import (
	"bytes"
)

// workbook is an opened .xlsx with its visible sheets in tab order, read
// with the streaming reader of xlsxstream.go.
type workbook struct {
	x        *XLSX
	sheets   []string
	date1904 bool
	merges   map[string][]mergeRange // by sheet name
	formulas map[string]map[cellPos]string
}

// openWorkbook opens data, already checked by checkZip, without evaluating
// anything and within the unzip limits.
func openWorkbook(data []byte, lim Limits) (*workbook, error) {
	x, err := OpenXLSX(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		return nil, err
	}
	wb := &workbook{x: x, date1904: x.Date1904()}
	wb.merges, wb.formulas = sheetMerges(data)
	for _, s := range x.Sheets() {
		if !s.Hidden {
			wb.sheets = append(wb.sheets, s.Name)
		}
	}
	return wb, nil
}

// sheet opens one sheet as a row source.
func (wb *workbook) sheet(name string) (*xlsxSource, error) {
	rows, err := wb.x.Rows(name)
	if err != nil {
		return nil, err
	}
	ms := wb.merges[name]
	return &xlsxSource{rows: rows, merges: ms, filler: newMergeFiller(ms)}, nil
}

func (wb *workbook) close() error { return wb.x.Close() }

// xlsxSource streams the rows of one worksheet.
type xlsxSource struct {
	rows   *XLSXRows
	merges []mergeRange
	filler *mergeFiller
}

func (s *xlsxSource) next() (int, []string, error) {
	num, cells, err := s.rows.Next()
	if err != nil {
		return 0, nil, err
	}
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = string(c)
	}
	return num, s.filler.fill(num, out), nil
}

func (s *xlsxSource) close() error { return s.rows.Close() }
