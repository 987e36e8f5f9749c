package analysis

import (
	"bytes"
	"io"
)

// prefixLen returns the number of columns before the item columns when every
// subject's items sit in the same adjacent columns after all the fixed ones,
// which lets CSV rows be parsed without splitting the item part; else 0.
func (lay *scoreLayout) prefixLen() int {
	p := -1
	for s, c0 := range lay.first {
		if lay.mode[s] != byItems {
			continue
		}
		if c0 < 0 || (p >= 0 && c0 != p) {
			return 0
		}
		p = c0
	}
	if p < 0 {
		return 0
	}
	for _, c := range []int{lay.id, lay.county, lay.school, lay.class, lay.subject, lay.absent, lay.total, lay.schoolCode} {
		if c >= p {
			return 0
		}
	}
	return max(p, 0)
}

// readFast reads the rows of a CSV file, splitting only the fixed columns and
// parsing plain numeric item cells straight from the line. Any row the fast
// parser does not accept (quotes, letters, spaces, errors) goes through the
// general path, so the results and error messages are the same.
func (b *builder) readFast(cs *csvScanner, lay *scoreLayout) error {
	p := lay.prefixLen()
	pre := make([][]byte, 0, p)
	b.reserve(cs.estimateRecords())
	for {
		line, rec, err := cs.nextLine()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row := cs.Record()
		if rec == nil {
			var rest []byte
			var ok bool
			pre, rest, ok = splitPrefix(line, p, pre[:0])
			if ok {
				if err := b.addSplit(lay, pre, rest, line, row); err != nil && !b.keep(err) {
					return err
				}
				continue
			}
			cs.splitPlain(line)
			rec = cs.fields
		}
		if err := b.addRow(lay, rec, row); err != nil && !b.keep(err) {
			return err
		}
	}
}

// addSplit stores a row given its fixed fields and the unsplit item part.
func (b *builder) addSplit(lay *scoreLayout, pre [][]byte, rest, line []byte, row int) error {
	subj, st, present, err := b.rowHead(lay, pre, row)
	if !present {
		return err
	}
	if lay.mode[subj] == byTotal {
		cs := csvScanner{}
		cs.splitPlain(line)
		return b.addTotal(lay, cs.fields, row, subj, st)
	}
	cells := b.ds.Subjects[subj].newRow(st)
	if parseRest(rest, cells, lay.fulls[subj]) {
		return nil
	}
	cs := csvScanner{}
	cs.splitPlain(line)
	return b.addCells(lay, cs.fields, row, subj, cells)
}

// splitPrefix splits the first p fields off line and returns the rest after
// the p-th comma; ok is false when the line has fewer fields.
func splitPrefix(line []byte, p int, pre [][]byte) ([][]byte, []byte, bool) {
	for range p {
		i := bytes.IndexByte(line, ',')
		if i < 0 {
			return pre, nil, false
		}
		pre = append(pre, line[:i])
		line = line[i+1:]
	}
	return pre, line, true
}

// parseRest parses comma-separated cells of the forms "", "d", "dd", "ddd",
// each optionally followed by ".5", into cells; a line that ends early leaves
// the remaining cells blank. It reports false on anything else.
func parseRest(rest []byte, cells []uint8, fulls []int32) bool {
	fulls = fulls[:len(cells)]
	i := 0
	for j := range cells {
		start := i
		var v int32
		for i < len(rest) && rest[i]-'0' <= 9 {
			v = v*10 + int32(rest[i]-'0')
			i++
		}
		if i-start > 3 {
			return false
		}
		v *= 2
		if i < len(rest) && rest[i] == '.' {
			if i == start || i+1 >= len(rest) || rest[i+1] != '5' {
				return false
			}
			v++
			i += 2
		}
		if i == start {
			v = Blank
		} else if v > fulls[j] {
			return false
		}
		cells[j] = uint8(v)
		if i >= len(rest) {
			for j++; j < len(cells); j++ {
				cells[j] = Blank
			}
			return true
		}
		if rest[i] != ',' {
			return false
		}
		i++
	}
	return true
}
