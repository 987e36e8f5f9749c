package exchange

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// RowsOption changes what XLSX.Rows returns.
type RowsOption int

// DatesAsText returns a number cell whose style is a date or time format as
// the date it shows, "2006-01-02" (or "2006-01-02 15:04:05" when the format
// shows a time), instead of the serial number stored in the file.
const DatesAsText RowsOption = 1

type xmlStyles struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// dateStyle tells, per cell style index, whether a number in that style is
// shown as a date (1) or a date and time (2).
type dateStyle []byte

// loadDateStyles reads the cell styles of the workbook once.
func (x *XLSX) loadDateStyles() dateStyle {
	if x.dates != nil {
		return x.dates
	}
	x.dates = dateStyle{}
	var st xmlStyles
	if x.stylesPart == "" || x.decode(x.stylesPart, &st) != nil {
		return x.dates
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	for _, xf := range st.Xfs[:min(len(st.Xfs), 65536)] {
		kind := builtinDateFormat(xf.NumFmtID)
		if code, ok := custom[xf.NumFmtID]; ok {
			kind = formatCodeDate(code)
		}
		x.dates = append(x.dates, kind)
	}
	return x.dates
}

// builtinDateFormat classifies Excel's built-in number formats: 14-17 and
// the Chinese-locale 27-31, 34-36, 50-58 are dates; 18-22, 32-33, 45-47 show
// a time.
func builtinDateFormat(id int) byte {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id >= 34 && id <= 36, id >= 50 && id <= 58:
		return 1
	case id >= 18 && id <= 22, id == 32, id == 33, id >= 45 && id <= 47:
		return 2
	}
	return 0
}

// formatCodeDate classifies a custom format code by its letters outside
// quoted text, escapes and [brackets]: y, m or d make a date, h or s a time.
func formatCodeDate(code string) byte {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the positive-number section decides
	}
	var date, tm bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return 0
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return 0
			}
			if b := strings.ToLower(code[i+1 : i+j]); b == "h" || b == "hh" || b == "m" || b == "mm" || b == "s" || b == "ss" {
				tm = true // elapsed time [h]:mm
			}
			i += j
		case 'y', 'Y', 'd', 'D':
			date = true
		case 'm', 'M':
			date = true // minutes only next to h or s, which make it a time anyway
		case 'h', 'H', 's', 'S':
			tm = true
		}
	}
	switch {
	case tm:
		return 2
	case date:
		return 1
	}
	return 0
}

// formatDate rewrites r.arena[from:], a number in a date style, as text.
func (r *XLSXRows) formatDate(from int, kind byte) {
	f, err := strconv.ParseFloat(string(r.arena[from:]), 64)
	if err != nil || math.IsInf(f, 0) {
		return
	}
	t, err := fromSerial(f, r.date1904)
	if err != nil {
		return
	}
	if kind == 2 {
		frac := f - math.Floor(f)
		t = t.Add(time.Duration(math.Round(frac*86400)) * time.Second)
		r.arena = t.AppendFormat(r.arena[:from], "2006-01-02 15:04:05")
		return
	}
	r.arena = t.AppendFormat(r.arena[:from], "2006-01-02")
}
