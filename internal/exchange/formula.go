package exchange

import (
	"bufio"
	"bytes"
	"fmt"
	"html"

	"github.com/xuri/excelize/v2"
)

// cellPos is a 1-based row and column of a sheet.
type cellPos struct{ row, col int }

// maxFormulas bounds the formula cells remembered per sheet.
const maxFormulas = 100_000

// formulaMessage is the row error of a formula cell in an imported column:
// the stored result of a formula may be missing or stale, so the user is
// asked for the values.
func formulaMessage(text string) string {
	if text == "" {
		return "单元格是公式，请粘贴为数值后再导入"
	}
	return fmt.Sprintf("单元格是公式（=%s），请粘贴为数值后再导入", text)
}

// formulaScan follows the tags of a worksheet part: the last cell opened
// and the formulas found in cells.
type formulaScan struct {
	cell  cellPos
	found map[cellPos]string
}

// tag looks at one tag (peek starts after its "<"); for a formula it reads
// the formula text from br.
func (fs *formulaScan) tag(br *bufio.Reader, peek []byte) {
	name := localName(peek)
	switch {
	case bytes.HasPrefix(name, []byte("c ")):
		fs.cell = cellPos{}
		if _, ref, ok := bytes.Cut(name, []byte(` r="`)); ok {
			if ref, _, ok := bytes.Cut(ref, []byte(`"`)); ok {
				col, row, err := excelize.CellNameToCoordinates(string(ref))
				if err == nil {
					fs.cell = cellPos{row, col}
				}
			}
		}
	case bytes.HasPrefix(name, []byte("c>")) || bytes.HasPrefix(name, []byte("c/")):
		fs.cell = cellPos{}
	case fs.cell != (cellPos{}) && len(fs.found) < maxFormulas && isFormulaTag(name):
		fs.found[fs.cell] = formulaText(br)
	}
}

// localName strips a namespace prefix ("x:c" → "c").
func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 && i < bytes.IndexAny(b, " />") {
		return b[i+1:]
	}
	return b
}

func isFormulaTag(b []byte) bool {
	return len(b) > 1 && b[0] == 'f' && (b[1] == ' ' || b[1] == '>' || b[1] == '/')
}

// formulaText reads the text of the <f> element whose "<" was just read:
// "" for a shared formula's follower (<f t="shared" si="0"/>).
func formulaText(br *bufio.Reader) string {
	head, err := br.ReadSlice('>')
	if err != nil || bytes.HasSuffix(head, []byte("/>")) {
		return ""
	}
	text, err := br.ReadSlice('<')
	if err != nil {
		return ""
	}
	br.UnreadByte()
	t := html.UnescapeString(string(text[:len(text)-1]))
	if r := []rune(t); len(r) > 60 {
		t = string(r[:60]) + "…"
	}
	return t
}
