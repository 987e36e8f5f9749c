package exchange

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var errDate = errors.New("日期格式无法识别，请写成 2024-09-01 这样的形式")

// dateRE matches year, month, day separated by - / . 年 月 (日/号 optional),
// optionally followed by a time of day which is ignored.
var dateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)

// ParseDate reads a date the way people type it or Excel stores it:
// 2024-09-01, 2024/9/1, 2024.9.1, 2024年9月1日, 20240901, 2024-09-01 08:00:00,
// and Excel serial numbers (45536 is 2024-09-01, 1900 date system). Full-width
// digits and surrounding spaces are accepted. The result is a UTC midnight.
// Years outside 1900..2199 and impossible days (2024-02-30) are errors.
func ParseDate(s string) (time.Time, error) {
	return parseDate(s, false)
}

func parseDate(s string, date1904 bool) (time.Time, error) {
	s = NormalizeText(s)
	if len(s) == 8 && isDigits(s) {
		return ymd(s[:4], s[4:6], s[6:])
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "eExXpPnN") {
		return fromSerial(f, date1904)
	}
	if m := dateRE.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	return time.Time{}, errDate
}

// ymd builds a date and refuses values time.Date would silently roll over.
func ymd(ys, ms, ds string) (time.Time, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2199 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, errors.New("日期不存在或超出范围：" + ys + "-" + ms + "-" + ds)
	}
	return t, nil
}

// fromSerial converts an Excel serial day number. In the 1900 system Excel
// counts a fictitious 1900-02-29 (serial 60), so day 0 is 1899-12-30 for every
// serial after it; serials 1..59 are one day later than that epoch implies.
func fromSerial(f float64, date1904 bool) (time.Time, error) {
	if math.IsNaN(f) || f < 1 || f > 109574 { // 109574 is 2199-12-31
		return time.Time{}, errDate
	}
	day := int(math.Floor(f))
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if day < 60 {
		day++
	} else if day == 60 {
		return time.Time{}, errors.New("日期不存在：1900-02-29")
	}
	return epoch.AddDate(0, 0, day), nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// monthRE matches a year and month alone: 2001.09, 2001年9月, 2001-9, 2001/09.
var monthRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`)

// parseMonth reads a year and month alone (also 200109) as the 1st of that
// month. 2001.1 is January: the text as written decides, as the user sees it.
func parseMonth(s string) (time.Time, bool) {
	s = NormalizeText(s)
	if len(s) == 6 && isDigits(s) {
		t, err := ymd(s[:4], s[4:], "1")
		return t, err == nil
	}
	m := monthRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	t, err := ymd(m[1], m[2], "1")
	return t, err == nil
}
