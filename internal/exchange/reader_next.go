package exchange

import (
	"errors"
	"io"
	"maps"
	"slices"

	"github.com/xuri/excelize/v2"
)

// Next returns the next non-blank data row (the value of a merged cell
// counts for every cell of its area), with its cells checked against
// the spec: blank required cells and values that do not fit the column's Kind
// are listed in Row.Errors, the row is still returned. Next returns io.EOF
// after the last row, and an ETOOLARGE error once more than MaxRows data rows
// have been read (the rest of the file is not read).
func (rd *Reader) Next() (row Row, err error) {
	defer recoverCorrupt(&err)
	for {
		num, cells, err := rd.nextRaw()
		if err != nil {
			return Row{}, err
		}
		if num <= rd.skipTo || isBlank(cells) {
			continue
		}
		rd.rows++
		if rd.rows > rd.lim.MaxRows {
			return Row{}, tooLarge(msgTooManyRows, rd.lim.MaxRows)
		}
		return rd.row(num, cells), nil
	}
}

func (rd *Reader) nextRaw() (int, []string, error) {
	if len(rd.pending) > 0 {
		r := rd.pending[0]
		rd.pending = rd.pending[1:]
		return r.num, r.cells, nil
	}
	if rd.src == nil {
		return 0, nil, io.EOF
	}
	return rd.src.next()
}

// row checks and normalises the cells of one data row.
func (rd *Reader) row(num int, cells []string) Row {
	r := Row{Num: num, Values: map[string]string{}, Cells: make([]string, len(rd.layout.Header))}
	copy(r.Cells, cells)
	rd.noteExtra(cells)
	for _, c := range rd.spec.Columns {
		i, ok := rd.layout.Index[c.Key]
		if !ok {
			continue
		}
		raw := ""
		if i < len(cells) {
			raw = cells[i]
		}
		rd.cell(&r, c, i, raw)
	}
	return r
}

// noteExtra remembers the positions where a row has data but the header
// has no title, so that such a column is reported, not dropped silently.
func (rd *Reader) noteExtra(cells []string) {
	for i, c := range cells {
		if (i >= len(rd.layout.Header) || blankText(rd.layout.Header[i])) && !blankText(c) {
			if rd.extra == nil {
				rd.extra = map[int]bool{}
			}
			rd.extra[i] = true
		}
	}
}

// Unused returns the file's columns that fill no column of the spec: their
// headers (Layout.Unused), then "第X列（无表头）" for each column without a
// header that holds data in a row read so far.
func (rd *Reader) Unused() []string {
	out := slices.Clone(rd.layout.Unused)
	for _, i := range slices.Sorted(maps.Keys(rd.extra)) {
		name, _ := excelize.ColumnNumberToName(i + 1)
		out = append(out, "第"+name+"列（无表头）")
	}
	return out
}

func (rd *Reader) cell(r *Row, c Column, i int, raw string) {
	if f, ok := rd.formulas[cellPos{r.Num, i + 1}]; ok {
		r.Errors.Add(r.Num, c.Key, "%s", formulaMessage(f))
		return
	}
	if blankText(raw) {
		r.Values[c.Key] = ""
		if c.Required {
			r.Errors.Add(r.Num, c.Key, "%s不能为空", c.Header)
		}
		return
	}
	v, err := normalizeCell(c, raw, rd.date1904)
	if err != nil {
		r.Errors.Add(r.Num, c.Key, "%s", err.Error())
		return
	}
	r.Values[c.Key] = v
}

// All reads the remaining rows, returning them with every row's errors
// gathered in one list. The error is a file-level failure (ETOOLARGE,
// a corrupt part); row errors are not an error here.
func (rd *Reader) All() ([]Row, RowErrors, error) {
	var rows []Row
	var errs RowErrors
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rows, errs, nil
		}
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, r)
		errs = append(errs, r.Errors...)
	}
}

// Layout returns where the header and columns were found.
func (rd *Reader) Layout() Layout { return rd.layout }

// Sheet returns the name of the sheet being read ("" for CSV).
func (rd *Reader) Sheet() string { return rd.layout.Sheet }

// Note returns a message for the user when the Reader had to guess, e.g.
// that it read the second sheet because the first had no header; else "".
func (rd *Reader) Note() string { return rd.note }

// Hash returns the SHA-256 of the whole file as lower-case hex.
func (rd *Reader) Hash() string { return rd.hash }

// Close releases the workbook and any temporary files.
func (rd *Reader) Close() error {
	if rd.src != nil {
		rd.src.close()
		rd.src = nil
	}
	if rd.wb != nil {
		err := rd.wb.close()
		rd.wb = nil
		return err
	}
	return nil
}
