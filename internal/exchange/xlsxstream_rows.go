package exchange

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// sharedStrings is a workbook's shared-string table, streamed from its part
// into one byte arena: string i is text[off[i]:off[i+1]].
type sharedStrings struct {
	text []byte
	off  []int
}

// read fills the table from the sst part; size is the part's declared
// uncompressed size, a bound for the arena.
func (t *sharedStrings) read(sc *xmlScan, size int64) error {
	t.off = append(t.off[:0], 0)
	for {
		err := sc.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case sc.close:
		case sc.is("sst") && len(t.off) == 1:
			if n, ok := sc.attr("uniqueCount"); ok {
				if c, err := strconv.Atoi(string(n)); err == nil && c > 0 {
					// each <si><t></t></si> takes at least 16 bytes of the part
					c = min(c, int(size/16)+1, 1<<24)
					t.off = make([]int, 1, c+1)
					t.text = make([]byte, 0, min(size/2, 64<<20))
				}
			}
		case sc.is("si"):
			if t.text, err = sc.richText(t.text); err != nil {
				return err
			}
			t.off = append(t.off, len(t.text))
		}
	}
}

// get returns shared string i.
func (t *sharedStrings) get(i int) ([]byte, bool) {
	if i < 0 || i+1 >= len(t.off) {
		return nil, false
	}
	return t.text[t.off[i]:t.off[i+1]], true
}

// maxColumns and maxRowNum are Excel's own limits (XFD, 1048576).
const (
	maxColumns = 16384
	maxRowNum  = 1 << 20
)

// XLSXRows reads the rows of one sheet in order.
type XLSXRows struct {
	rc    io.ReadCloser
	sc    *xmlScan
	sst   *sharedStrings
	row   int
	done  bool
	err   error
	arena []byte
	spans []cellSpan
	cells [][]byte
	num   []byte

	emitted  int64     // cells returned so far, empty ones between values included
	slow     bool      // tests: no fast paths, to compare with them
	dates    dateStyle // set for DatesAsText
	date1904 bool
}

type cellSpan struct{ col, from, to int }

// Next returns the next <row> of the sheet: its 1-based number as in Excel
// and its cells by column (cells[0] is column A), a cell absent from the
// file being empty, trailing empty cells dropped. Values are as stored:
// shared and inline strings as text (rich-text runs joined, phonetic runs
// left out, xml:space or not the text is kept exactly), numbers and dates as
// the number written in the file, booleans as "1" or "0", formula cells as
// their cached result, errors as written ("#N/A"). The cells are valid only
// until the next call. Next returns io.EOF after the last row; rows missing
// from the file are not returned. After an error, Next returns it again.
func (r *XLSXRows) Next() (int, [][]byte, error) {
	if r.err != nil {
		return 0, nil, r.err
	}
	if r.done {
		return 0, nil, io.EOF
	}
	for {
		err := r.sc.next()
		if err == io.EOF {
			r.done = true
			return 0, nil, io.EOF
		}
		if err != nil {
			r.err = partError(err)
			return 0, nil, r.err
		}
		switch {
		case r.sc.is("row") && !r.sc.close:
			if err := r.readRow(); err != nil {
				r.err = partError(err)
				return 0, nil, r.err
			}
			return r.row, r.cells, nil
		case r.sc.is("sheetData") && (r.sc.close || r.sc.empty):
			r.done = true
			return 0, nil, io.EOF
		}
	}
}

// Close stops reading the sheet.
func (r *XLSXRows) Close() error {
	r.done = true
	if r.rc != nil {
		err := r.rc.Close()
		r.rc = nil
		return err
	}
	return nil
}

// msgSparse refuses a sheet whose values lie so far apart that the empty
// cells between them would be many times the size of the file.
const msgSparse = "工作表中数据所在的列过于分散（大量空白列夹在数据之间），请删除多余的列后另存再上传"

var errRowOrder = errors.New("rows out of order")

// readRow reads the row whose start tag was just read.
func (r *XLSXRows) readRow() error {
	num := r.row + 1
	if v, ok := r.sc.attr("r"); ok {
		n, ok := parseUint(v)
		if !ok || n < 1 || n > maxRowNum {
			return errBadXML
		}
		num = n
	}
	if num <= r.row || num > maxRowNum {
		return errRowOrder
	}
	r.row = num
	r.arena, r.spans, r.cells = r.arena[:0], r.spans[:0], r.cells[:0]
	if !r.sc.empty {
		if err := r.readCells(); err != nil {
			return err
		}
	}
	width := 0
	for _, s := range r.spans {
		if s.to > s.from {
			width = max(width, s.col)
		}
	}
	// A cell far to the right makes every cell before it: bound the cells
	// returned by the bytes read, so a small sheet cannot yield billions.
	if r.emitted += int64(width); r.emitted > 1<<20 && r.emitted > 4*r.sc.read {
		return tooLarge(msgSparse)
	}
	for range width {
		r.cells = append(r.cells, nil)
	}
	for _, s := range r.spans {
		if s.col <= width {
			r.cells[s.col-1] = r.arena[s.from:s.to:s.to]
		}
	}
	return nil
}

func (r *XLSXRows) readCells() error {
	col := 0
	for {
		if c, ok := r.fastWholeCell(col); ok {
			col = c
			continue
		}
		if r.slow || !r.sc.fastCellTag() {
			if err := r.sc.next(); err != nil {
				return eofIsBad(err)
			}
		}
		switch {
		case r.sc.close && r.sc.is("row"):
			return nil
		case r.sc.close:
			return errBadXML
		case r.sc.is("c"):
			c := col + 1
			if v, ok := r.sc.attr("r"); ok {
				if n, ok := refColumn(v); ok {
					c = n
				} else {
					return errBadXML
				}
			}
			if c > maxColumns {
				return errBadXML
			}
			col = c
			from := len(r.arena)
			if err := r.readCell(from); err != nil {
				return err
			}
			r.spans = append(r.spans, cellSpan{c, from, len(r.arena)})
		default:
			if err := r.sc.skipElement(); err != nil {
				return err
			}
		}
	}
}

// readCell appends the value of the cell whose start tag was just read;
// from is where the value starts in the arena.
func (r *XLSXRows) readCell(from int) error {
	t, _ := r.sc.attr("t")
	kind := cellKind(t)
	if r.dates != nil && (len(t) == 0 || string(t) == "n") {
		if s, ok := r.sc.attr("s"); ok {
			if i, ok := parseUint(s); ok && i < len(r.dates) && r.dates[i] > 0 {
				defer func() { r.formatDate(from, r.dates[i]) }()
			}
		}
	}
	if r.sc.empty || !r.slow && r.fastCell(kind) {
		return nil
	}
	for {
		if err := r.sc.next(); err != nil {
			return eofIsBad(err)
		}
		switch {
		case r.sc.close && r.sc.is("c"):
			return nil
		case r.sc.close:
			return errBadXML
		case r.sc.is("v"):
			if r.sc.empty {
				continue
			}
			if err := r.value(kind); err != nil {
				return err
			}
			if err := r.sc.next(); err != nil || !r.sc.close || !r.sc.is("v") {
				return errBadXML
			}
		case r.sc.is("is") && kind == kindInline:
			var err error
			if r.arena, err = r.sc.richText(r.arena); err != nil {
				return err
			}
		default: // <f>, <is> of a cell that is not an inline string, <extLst>
			if err := r.sc.skipElement(); err != nil {
				return err
			}
		}
	}
}

// fastWholeCell reads, straight from the buffer, a whole cell written the
// way Excel, WPS and excelize write nearly all of them: <c r="B2" s="1"
// t="s"><v>12</v></c>, <c ... t="inlineStr"><is><t>text</t></is></c> or
// <c r="B2" s="1"/>, with lower-case attribute names, double quotes, single
// spaces, and a value free of entities, escapes and carriage returns. It
// returns the cell's column, or false having read nothing, for anything
// else (the general path then reads it), and always for DatesAsText.
func (r *XLSXRows) fastWholeCell(prev int) (int, bool) {
	b := r.sc.buf[r.sc.pos:r.sc.end]
	if r.dates != nil || r.slow || len(b) < 4 || b[0] != '<' || b[1] != 'c' || b[2] != ' ' {
		return 0, false
	}
	col, kind, seen := prev+1, kindOther, 0
	i := 3
	if c, n := plainRef(b[3:]); n > 0 {
		col, seen, i = c, 1, 3+n
	}
	for i < len(b) && b[i] != '>' && b[i] != '/' {
		a := i
		for i < len(b) && b[i] >= 'a' && b[i] <= 'z' {
			i++
		}
		if i == a || i+1 >= len(b) || b[i] != '=' || b[i+1] != '"' {
			return 0, false
		}
		name := b[a:i]
		j := bytes.IndexByte(b[i+2:], '"')
		if j < 0 {
			return 0, false
		}
		val := b[i+2 : i+2+j]
		i += j + 3
		switch string(name) {
		case "r":
			c, ok := refColumn(val)
			if !ok || seen&1 != 0 {
				return 0, false
			}
			col, seen = c, seen|1
		case "t":
			if seen&2 != 0 {
				return 0, false // a repeated attribute: the general path takes the first
			}
			kind, seen = cellKind(val), seen|2
		}
		if i < len(b) && b[i] == ' ' {
			i++
		}
	}
	if i >= len(b) || col > maxColumns {
		return 0, false
	}
	from := len(r.arena)
	if b[i] == '/' {
		if i+1 >= len(b) || b[i+1] != '>' {
			return 0, false
		}
		r.sc.pos += i + 2
		r.spans = append(r.spans, cellSpan{col, from, from})
		return col, true
	}
	i++
	open, end := "<v>", "</v></c>"
	if kind == kindInline {
		open, end = "<is><t>", "</t></is></c>"
	}
	t := b[i:]
	if len(t) < len(open) || string(t[:len(open)]) != open {
		return 0, false
	}
	t = t[len(open):]
	k := bytes.IndexByte(t, '<')
	if k < 0 || len(t)-k < len(end) || string(t[k:k+len(end)]) != end {
		return 0, false
	}
	v := t[:k]
	for _, c := range v {
		if c == '&' || c == '\r' || c == '_' {
			return 0, false
		}
	}
	if kind == kindShared {
		n, ok := parseUint(v)
		if !ok {
			return 0, false
		}
		s, ok := r.sst.get(n)
		if !ok {
			return 0, false
		}
		r.arena = append(r.arena, s...)
	} else {
		r.arena = append(r.arena, v...)
	}
	r.sc.pos += i + len(open) + k + len(end)
	r.spans = append(r.spans, cellSpan{col, from, len(r.arena)})
	return col, true
}

// plainRef reads `r="AB12"` (upper-case letters, digits, then a space or
// the end of the tag) at the start of b, returning the column and the bytes
// read including a following space, or 0 when b starts otherwise.
func plainRef(b []byte) (int, int) {
	if len(b) < 6 || b[0] != 'r' || b[1] != '=' || b[2] != '"' {
		return 0, 0
	}
	col, i := 0, 3
	for ; i < len(b) && i < 7 && b[i] >= 'A' && b[i] <= 'Z'; i++ {
		col = col*26 + int(b[i]-'A'+1)
	}
	d := i
	for ; i < len(b) && i < d+8 && b[i] >= '0' && b[i] <= '9'; i++ {
	}
	if i == 3 || i == d || col > maxColumns || i+1 >= len(b) || b[i] != '"' {
		return 0, 0
	}
	i++
	if b[i] == ' ' {
		i++
	} else if b[i] != '>' && b[i] != '/' {
		return 0, 0
	}
	return col, i
}

// fastCell reads the rest of a cell written the common way, <v>12</v></c>
// or <is><t>text</t></is></c> without prefixes, entities or escapes, in one
// step from the buffer; anything else is left to the general path.
func (r *XLSXRows) fastCell(kind int) bool {
	open, end := "<v>", "</v></c>"
	if kind == kindInline {
		open, end = "<is><t>", "</t></is></c>"
	}
	b := r.sc.buf[r.sc.pos:r.sc.end]
	if len(b) < len(open) || string(b[:len(open)]) != open {
		return false
	}
	t := b[len(open):]
	i := bytes.IndexByte(t, '<')
	if i < 0 || len(t)-i < len(end) || string(t[i:i+len(end)]) != end {
		return false
	}
	v := t[:i]
	for _, c := range v {
		if c == '&' || c == '\r' || c == '_' {
			return false
		}
	}
	if kind == kindShared {
		n, ok := parseUint(v)
		if !ok {
			return false
		}
		s, ok := r.sst.get(n)
		if !ok {
			return false
		}
		r.arena = append(r.arena, s...)
	} else {
		r.arena = append(r.arena, v...)
	}
	r.sc.pos += len(open) + i + len(end)
	return true
}

const (
	kindOther = iota
	kindShared
	kindInline
)

func cellKind(t []byte) int {
	switch string(t) {
	case "s":
		return kindShared
	case "inlineStr":
		return kindInline
	}
	return kindOther
}

// value appends the text of a <v>: for a shared string, the string it points to.
func (r *XLSXRows) value(kind int) error {
	if kind != kindShared {
		var err error
		r.arena, err = r.sc.text(r.arena)
		return eofIsBad(err)
	}
	var err error
	r.num, err = r.sc.text(r.num[:0])
	if err != nil {
		return eofIsBad(err)
	}
	i, ok := parseUint(trimSpaceBytes(r.num))
	if !ok {
		return errBadXML
	}
	s, ok := r.sst.get(i)
	if !ok {
		return errBadXML
	}
	r.arena = append(r.arena, s...)
	return nil
}

// parseUint parses decimal digits into an int, refusing anything over 2^31.
func parseUint(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n < 1<<31
}

// refColumn returns the column of a cell reference ("AB12" → 28), accepting
// the absolute form "$AB$12".
func refColumn(b []byte) (int, bool) {
	col, i := 0, 0
	if i < len(b) && b[i] == '$' {
		i++
	}
	start := i
	for ; i < len(b) && i-start < 4; i++ {
		c := b[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a'+1)
		default:
			goto digits
		}
	}
digits:
	if i == start || col > maxColumns {
		return 0, false
	}
	if i < len(b) && b[i] == '$' {
		i++
	}
	if _, ok := parseUint(b[i:]); !ok {
		return 0, false
	}
	return col, true
}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
