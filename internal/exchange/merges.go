package exchange

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// mergeRange is one merged area of a sheet.
type mergeRange struct {
	c1, r1, c2, r2 int
}

// sheetMerges returns the merged areas and the formula cells of every
// worksheet by sheet name. excelize can only list them by parsing a whole
// sheet into memory, so they are read here with one byte scan of each
// part: <mergeCells> follows the sheet data. Problems yield no merges
// rather than an error; the header search works without them.
func sheetMerges(data []byte) (map[string][]mergeRange, map[string]map[cellPos]string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return nil, nil
	}
	merges, formulas := map[string][]mergeRange{}, map[string]map[cellPos]string{}
	for _, f := range zr.File {
		if name, ok := parts[f.Name]; ok {
			merges[name], formulas[name] = scanSheet(f)
		}
	}
	return merges, formulas
}

// sheetParts maps worksheet part names ("xl/worksheets/sheet1.xml") to sheet
// names, from xl/workbook.xml and its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				out[partPath(r.Target)] = s.Name
			}
		}
	}
	return out, nil
}

// partPath resolves a relationship target relative to xl/.
func partPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join("xl", target)
}

func decodePart(zr *zip.Reader, name string, v any) error {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			return xml.NewDecoder(io.LimitReader(rc, 8<<20)).Decode(v)
		}
	}
	return errors.New("missing " + name)
}

// scanSheet finds <mergeCell ref="A1:D1"/> elements and formula cells
// (<c r="B3"><f>A3&amp;C3</f>…) in a worksheet part.
func scanSheet(f *zip.File) ([]mergeRange, map[cellPos]string) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	var out []mergeRange
	fs := formulaScan{found: map[cellPos]string{}}
	for len(out) < 100_000 {
		if _, err := br.ReadSlice('<'); err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return out, fs.found
		}
		peek, _ := br.Peek(96)
		if m, ok := parseMergeTag(peek); ok {
			out = append(out, m)
		} else {
			fs.tag(br, peek)
		}
	}
	return out, fs.found
}

// parseMergeTag parses the start of a tag (after "<") if it is a mergeCell.
func parseMergeTag(b []byte) (mergeRange, bool) {
	if i := bytes.IndexByte(b, ':'); i >= 0 && i < bytes.IndexByte(b, ' ') {
		b = b[i+1:]
	}
	if !bytes.HasPrefix(b, []byte("mergeCell ")) {
		return mergeRange{}, false
	}
	_, ref, ok := bytes.Cut(b, []byte(`ref="`))
	ref, _, ok2 := bytes.Cut(ref, []byte(`"`))
	from, to, ok3 := strings.Cut(string(ref), ":")
	if !ok || !ok2 || !ok3 {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 || c2-c1 > 1000 {
		return mergeRange{}, false
	}
	return mergeRange{c1, r1, c2, r2}, true
}

// mergeFiller spreads the value of each merged area's top-left cell over
// the whole area as rows stream by, so that a header merged over two rows or
// columns names all of them, and a 学校 cell merged down over ten teachers
// gives each of them the school.
type mergeFiller struct {
	pending []mergeRange // sorted by first row, not yet reached
	active  []activeMerge
}

type activeMerge struct {
	mergeRange
	value string
}

func newMergeFiller(merges []mergeRange) *mergeFiller {
	pending := slices.Clone(merges)
	slices.SortFunc(pending, func(a, b mergeRange) int { return a.r1 - b.r1 })
	return &mergeFiller{pending: pending}
}

// fill applies the merges covering row num to its cells. Rows must come in
// increasing order.
func (mf *mergeFiller) fill(num int, cells []string) []string {
	mf.active = slices.DeleteFunc(mf.active, func(a activeMerge) bool { return a.r2 < num })
	for len(mf.pending) > 0 && mf.pending[0].r1 <= num {
		m := mf.pending[0]
		mf.pending = mf.pending[1:]
		if m.r1 == num {
			mf.active = append(mf.active, activeMerge{m, cellAt(cells, m.c1)})
		}
	}
	for _, a := range mf.active {
		cells = fillRange(cells, a.c1, a.c2, a.value)
	}
	return cells
}

func cellAt(cells []string, col int) string {
	if col-1 < len(cells) {
		return cells[col-1]
	}
	return ""
}

func fillRange(cells []string, c1, c2 int, value string) []string {
	for len(cells) < c2 {
		cells = append(cells, "")
	}
	for c := c1; c <= c2; c++ {
		cells[c-1] = value
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
