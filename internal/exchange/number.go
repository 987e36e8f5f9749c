package exchange

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// ParseInt reads a whole number: full-width digits, spaces, thousands
// separators ("1,200") and a trailing ".0" left by Excel are accepted.
func ParseInt(s string) (int64, error) {
	s = cleanNumber(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".00"), ".0")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errors.New("应为整数")
	}
	return n, nil
}

// ParseDecimal reads a decimal number and returns it in plain notation
// without exponent or trailing zeros ("1.50" → "1.5", "1E+3" → "1000",
// "-3.5" → "-3.5"), so that no precision is lost through float64.
func ParseDecimal(s string) (string, error) {
	s = cleanNumber(s)
	r, ok := new(big.Rat).SetString(s)
	if !ok || s == "" || strings.ContainsAny(s, "/xXpP_") || len(s) > 64 {
		return "", errors.New("应为数字")
	}
	out := r.FloatString(12)
	if strings.Contains(out, ".") {
		out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	}
	if out == "-0" {
		out = "0"
	}
	return out, nil
}

// cleanNumber folds width, drops spaces and thousands separators.
func cleanNumber(s string) string {
	s = strings.ReplaceAll(NormalizeText(s), " ", "")
	return strings.ReplaceAll(s, ",", "")
}

// ParseBool reads yes/no answers: 是/否, 有/无, 对/错, √/×, Y/N, yes/no,
// true/false, 1/0 (any case and width).
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.ReplaceAll(NormalizeText(s), " ", "")) {
	case "是", "有", "对", "√", "✓", "✔", "y", "yes", "true", "t", "1", "是的":
		return true, nil
	case "否", "无", "没有", "不是", "错", "×", "✗", "✘", "x", "n", "no", "false", "f", "0":
		return false, nil
	}
	return false, errors.New("应填写 是 或 否")
}
