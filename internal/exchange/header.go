package exchange

import (
	"fmt"
	"strings"
)

// headerScanRows is how many non-blank rows may precede the header (a
// title, an instruction line, a two-level header).
const headerScanRows = 20

// headerMatch is the result of matching one row against a spec.
type headerMatch struct {
	num     int            // row number of the header
	index   map[string]int // column key → 0-based cell index
	missing []string       // headers of required columns not found
	dup     string         // a header that matched the same column twice
	cells   []string       // the row's cells
}

// matchHeader matches the cells of one row against the spec's headers and
// aliases, ignoring width, spaces, case and required markers.
func matchHeader(spec Spec, num int, cells []string) headerMatch {
	names, mapped := headerNames(spec), mappedHeaders(spec)
	m := headerMatch{num: num, index: map[string]int{}, cells: cells}
	for i, cell := range cells {
		key, ok := columnOf(names, mapped, normalizeHeader(cell))
		if !ok {
			continue
		}
		if _, seen := m.index[key]; seen {
			m.dup = NormalizeText(cell)
			continue
		}
		m.index[key] = i
	}
	for _, c := range spec.Columns {
		if _, ok := m.index[c.Key]; c.Required && !ok {
			m.missing = append(m.missing, c.Header)
		}
	}
	return m
}

// mappedHeaders returns spec.Mapping by normalised header.
func mappedHeaders(spec Spec) map[string]string {
	out := make(map[string]string, len(spec.Mapping))
	for h, key := range spec.Mapping {
		out[normalizeHeader(h)] = key
	}
	return out
}

// columnOf finds the column key of a normalised header: the mapping first
// ("" there means left out), then the spec's own names unless the mapping
// gave their key to another header.
func columnOf(names, mapped map[string]string, h string) (string, bool) {
	if key, ok := mapped[h]; ok {
		return key, key != ""
	}
	key, ok := names[h]
	if !ok {
		return "", false
	}
	for _, k := range mapped {
		if k == key {
			return "", false
		}
	}
	return key, true
}

// headerNames maps every normalised header and alias to its column key.
func headerNames(spec Spec) map[string]string {
	names := map[string]string{}
	for _, c := range spec.Columns {
		for _, h := range append([]string{c.Header, c.Key}, c.Aliases...) {
			if n := normalizeHeader(h); n != "" {
				if _, taken := names[n]; !taken {
					names[n] = c.Key
				}
			}
		}
	}
	return names
}

// better reports whether m is a better header than o: complete beats
// incomplete, then more matched columns win, then the earlier row.
func (m headerMatch) better(o headerMatch) bool {
	if (len(m.missing) == 0) != (len(o.missing) == 0) {
		return len(m.missing) == 0
	}
	return len(m.index) > len(o.index)
}

// findHeader picks the best header among the buffered rows.
func findHeader(spec Spec, rows []bufferedRow) (headerMatch, bool) {
	var best headerMatch
	found := false
	for _, r := range rows {
		m := matchHeader(spec, r.num, r.cells)
		if len(m.index) == 0 {
			continue
		}
		if !found || m.better(best) {
			best, found = m, true
		}
	}
	if !found {
		return widestRow(rows), false
	}
	return best, len(best.missing) == 0
}

// missingError explains which required columns could not be found.
func missingError(spec Spec, best headerMatch, sheets []string) error {
	missing := best.missing
	if len(best.index) == 0 {
		missing = requiredHeaders(spec)
	}
	if len(missing) == 0 {
		return fileError("没有找到表头，请使用导入模板")
	}
	where := ""
	if len(sheets) > 1 {
		where = fmt.Sprintf("（已查看工作表：%s）", strings.Join(sheets, "、"))
	}
	e := fileError("表格中缺少必填列：%s%s。请使用导入模板，表头须写在前 %d 行内", strings.Join(missing, "、"), where, headerScanRows)
	mc := &MissingColumns{Missing: missing, HeaderRow: best.num}
	for _, c := range best.cells[:lastNonBlank(best.cells)] {
		mc.Header = append(mc.Header, NormalizeText(c))
	}
	e.Err = mc
	return e
}

// MissingColumns is the cause (errors.As through the *app.Error) of the
// error Open returns when required columns are not found: what a
// column-mapping step shows the user.
type MissingColumns struct {
	Missing   []string // headers of the required columns not found
	Header    []string // the cells of the row taken as the header (the best match, else the widest of the first rows)
	HeaderRow int      // 1-based row of that header
}

func (m *MissingColumns) Error() string { return "missing columns: " + strings.Join(m.Missing, ",") }

// widestRow is the header guess when no cell matched: the first scanned
// row with the most non-blank cells.
func widestRow(rows []bufferedRow) headerMatch {
	var best headerMatch
	n := 0
	for _, r := range rows {
		k := 0
		for _, c := range r.cells {
			if !blankText(c) {
				k++
			}
		}
		if k > n {
			best, n = headerMatch{num: r.num, cells: r.cells}, k
		}
	}
	return best
}

func requiredHeaders(spec Spec) []string {
	var out []string
	for _, c := range spec.Columns {
		if c.Required {
			out = append(out, c.Header)
		}
	}
	return out
}
