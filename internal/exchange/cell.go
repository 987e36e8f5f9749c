package exchange

import (
	"errors"
	"strconv"
	"strings"
)

// normalizeCell checks one non-blank cell against its column and returns the
// normalised value, or an error whose message is fit for the user.
func normalizeCell(c Column, raw string, date1904 bool) (string, error) {
	s := NormalizeText(raw)
	if c.Masked && strings.Contains(s, "*") {
		return s, nil
	}
	switch c.Kind {
	case KindID:
		return checkIDCard(s)
	case KindCode:
		return checkCode(s, c.Header)
	case KindDate:
		if c.Month {
			if t, ok := parseMonth(s); ok {
				return t.Format("2006-01-02"), nil
			}
		}
		t, err := parseDate(s, date1904)
		if err != nil {
			return "", err
		}
		return t.Format("2006-01-02"), nil
	case KindInt:
		n, err := ParseInt(s)
		return strconv.FormatInt(n, 10), err
	case KindDecimal:
		return ParseDecimal(s)
	case KindBool:
		b, err := ParseBool(s)
		return map[bool]string{true: "是", false: "否"}[b], err
	case KindEnum:
		return matchOption(c, s)
	}
	return s, nil
}

// matchOption finds s among the column's options, ignoring width, spaces and
// letter case, and returns the option as written in the Spec.
func matchOption(c Column, s string) (string, error) {
	if c.Resolve != nil {
		if v, ok := c.Resolve(s); ok {
			return v, nil
		}
		return "", optionError(c)
	}
	key := foldKey(s)
	for _, o := range c.Options {
		if foldKey(o) == key {
			return o, nil
		}
	}
	return "", optionError(c)
}

func optionError(c Column) error {
	if len(c.Options) > 0 && len(c.Options) <= 8 {
		return errors.New("应为以下之一：" + strings.Join(c.Options, "、"))
	}
	return errors.New("不是可选的值，请从下拉列表中选择")
}

// foldKey is the comparison form of a value: width-folded, no spaces, lower case.
func foldKey(s string) string {
	return strings.ToLower(strings.ReplaceAll(NormalizeText(s), " ", ""))
}
