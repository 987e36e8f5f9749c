package exchange

import (
	"errors"
	"fmt"
	"io"
)

// Row is one non-blank data row of an imported file.
type Row struct {
	Num    int               // 1-based row number in the user's file (the CSV record number for CSV)
	Values map[string]string // normalised cell by Column.Key; "" when blank; absent when the column is not in the file or the cell is invalid
	Cells  []string          // the row's cells as in the file, aligned with Layout.Header
	Errors RowErrors         // problems with this row's cells; the caller adds its own
}

// Layout is where the data sits in the user's file; ErrorReport uses it to
// write the file back.
type Layout struct {
	Sheet     string            // sheet read ("" for CSV)
	HeaderRow int               // 1-based row of the header
	Header    []string          // the header cells as written by the user
	Index     map[string]int    // Column.Key → 0-based position in Header
	Titles    map[string]string // Column.Key → Column.Header of the spec
	Kinds     map[string]Kind   // Column.Key → Column.Kind of the spec
	Unused    []string          // headers of the file's columns that fill no column of the spec, in file order
}

// Reader streams the rows of an uploaded .xlsx or .csv file.
type Reader struct {
	spec     Spec
	lim      Limits
	src      source
	wb       *workbook
	layout   Layout
	note     string
	hash     string
	pending  []bufferedRow
	skipTo   int // rows up to this number belong to the header
	rows     int // data rows returned so far
	date1904 bool
	formulas map[cellPos]string // formula cells of the sheet read
	extra    map[int]bool       // positions without a header where some row has data
}

// Open reads the file name (used only for its extension, after the content
// has been looked at) from r, size bytes long, and finds the spec's header.
// It returns ETOOLARGE when the file is over lim, and EINVALID with a Chinese
// message when it is empty, corrupt, encrypted, an old .xls, not a table, or
// lacks required columns. Zero fields of lim take DefaultLimits. The caller
// must Close the Reader.
func Open(name string, r io.ReaderAt, size int64, spec Spec, lim Limits) (*Reader, error) {
	lim = lim.WithDefaults()
	if size > lim.MaxFileBytes {
		return nil, tooLarge("文件大小 %.1f MB，超过 %d MB 的上限，请拆分后分批导入", float64(size)/(1<<20), lim.MaxFileBytes>>20)
	}
	data, err := io.ReadAll(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, corrupt(err)
	}
	return OpenBytes(name, data, spec, lim)
}

// OpenBytes is Open for a file already in memory.
func OpenBytes(name string, data []byte, spec Spec, lim Limits) (rd *Reader, err error) {
	defer func() {
		if err != nil && rd != nil {
			rd.Close()
			rd = nil
		}
	}()
	defer recoverCorrupt(&err)
	lim = lim.WithDefaults()
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, tooLarge("文件大小 %.1f MB，超过 %d MB 的上限，请拆分后分批导入", float64(len(data))/(1<<20), lim.MaxFileBytes>>20)
	}
	f, err := sniff(name, data)
	if err != nil {
		return nil, err
	}
	rd = &Reader{spec: spec, lim: lim, hash: hashBytes(data)}
	if f == formatCSV {
		err = rd.openCSV(data)
	} else {
		err = rd.openXLSX(data)
	}
	return rd, err
}

func (rd *Reader) openCSV(data []byte) error {
	src, err := newCSVSource(data)
	if err != nil {
		return err
	}
	rows, err := scanHead(src)
	if err != nil {
		return err
	}
	m, ok := findHeader(rd.spec, rows)
	if !ok {
		return missingError(rd.spec, m, nil)
	}
	return rd.use(src, "", rows, m, nil)
}

// openXLSX reads the first visible sheet that has the header, noting when
// that is not the first one.
func (rd *Reader) openXLSX(data []byte) error {
	if err := checkZip(data, rd.lim); err != nil {
		return err
	}
	wb, err := openWorkbook(data, rd.lim)
	if err != nil {
		return err
	}
	rd.wb, rd.date1904 = wb, wb.date1904
	var first headerMatch
	for i, name := range wb.sheets {
		src, err := wb.sheet(name)
		if err != nil {
			return err
		}
		rows, err := scanHead(src)
		if err != nil {
			src.close()
			return err
		}
		m, ok := findHeader(rd.spec, rows)
		if ok {
			if i > 0 {
				rd.note = fmt.Sprintf("第一个工作表“%s”中没有找到表头，已读取工作表“%s”", wb.sheets[0], name)
			}
			rd.formulas = wb.formulas[name]
			return rd.use(src, name, rows, m, src.merges)
		}
		src.close()
		if i == 0 {
			first = m
		}
	}
	return missingError(rd.spec, first, wb.sheets)
}

// use makes src the source of data rows, below header m.
func (rd *Reader) use(src source, sheet string, rows []bufferedRow, m headerMatch, merges []mergeRange) error {
	var header []string
	for _, r := range rows {
		if r.num == m.num {
			header = r.cells
		} else if r.num > m.num {
			rd.pending = append(rd.pending, r)
		}
	}
	if n := lastNonBlank(header); n > rd.lim.MaxCols {
		src.close()
		return tooLarge("表头有 %d 列，超过 %d 列的上限", n, rd.lim.MaxCols)
	}
	if m.dup != "" {
		src.close()
		return fileError("表头“%s”出现了不止一次，请删除重复的列", m.dup)
	}
	rd.src, rd.skipTo = src, mergedThrough(merges, m.num)
	rd.layout = Layout{Sheet: sheet, HeaderRow: m.num, Index: m.index, Titles: map[string]string{}, Kinds: map[string]Kind{}}
	used := map[int]bool{}
	for _, i := range m.index {
		used[i] = true
	}
	for i, c := range header[:lastNonBlank(header)] {
		h := NormalizeText(c)
		rd.layout.Header = append(rd.layout.Header, h)
		if !used[i] && !blankText(h) {
			rd.layout.Unused = append(rd.layout.Unused, h)
		}
	}
	for _, c := range rd.spec.Columns {
		rd.layout.Titles[c.Key] = c.Header
		rd.layout.Kinds[c.Key] = c.Kind
	}
	return nil
}

// scanHead reads ahead the rows that may hold the header: up to
// headerScanRows non-blank rows.
func scanHead(src source) ([]bufferedRow, error) {
	var rows []bufferedRow
	for n := 0; n < headerScanRows && len(rows) < 1000; {
		num, cells, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !isBlank(cells) {
			n++
		}
		rows = append(rows, bufferedRow{num, cells})
	}
	return rows, nil
}

func lastNonBlank(cells []string) int {
	n := len(cells)
	for n > 0 && blankText(cells[n-1]) {
		n--
	}
	return n
}
