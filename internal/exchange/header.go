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
}

// matchHeader matches the cells of one row against the spec's headers and
// aliases, ignoring width, spaces, case and required markers.
func matchHeader(spec Spec, num int, cells []string) headerMatch {
	names := headerNames(spec)
	m := headerMatch{num: num, index: map[string]int{}}
	for i, cell := range cells {
		key, ok := names[normalizeHeader(cell)]
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
	return best, found && len(best.missing) == 0
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
	return fileError("表格中缺少必填列：%s%s。请使用导入模板，表头须写在前 %d 行内", strings.Join(missing, "、"), where, headerScanRows)
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
