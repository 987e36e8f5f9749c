package exchange

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// msgIDAsNumber is the message for an ID number that Excel stored as a
// number: beyond 15 significant digits the last digits are already gone.
const msgIDAsNumber = "身份证号被 Excel 存成了数字，末尾几位已丢失，请将该列设为文本后重新填写"

// floatRE matches what a float looks like once Excel or a script has had it:
// 4.40106199001011E+17, 4.4e17, 440106199001011000.0.
var floatRE = regexp.MustCompile(`^[0-9]+(\.[0-9]*)?[eE][+-]?[0-9]+$|^[0-9]+\.0+$`)

// checkIDCard normalises a 居民身份证号码 (upper-case X) and checks its form and
// check digit (GB 11643-1999). 15-digit numbers issued before 1999 pass as is.
func checkIDCard(s string) (string, error) {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if floatRE.MatchString(s) {
		return "", errors.New(msgIDAsNumber)
	}
	if len(s) == 15 && isDigits(s) {
		return s, nil
	}
	if (len(s) != 18 || idCheckDigit(s[:17]) != s[17]) && cameThroughFloat(s) {
		return "", errors.New(msgIDAsNumber)
	}
	if len(s) != 18 || !isDigits(s[:17]) || !(isDigits(s[17:]) || s[17] == 'X') {
		return "", errors.New("身份证号应为 18 位（最后一位可以是 X）")
	}
	if idCheckDigit(s[:17]) != s[17] {
		return "", errors.New("身份证号校验位不正确，请核对")
	}
	return s, nil
}

// cameThroughFloat reports whether a run of 16 or more digits is how a
// float64 prints with at most 16 significant digits: Excel keeps 15
// significant digits of a number cell (440106199001011234 is saved as
// 440106199001011000), so the tail is zeros. A mistyped ID is rarely the
// shortest form of a double and also ends in two zeros.
func cameThroughFloat(s string) bool {
	if len(s) < 16 || !isDigits(s) || len(s)-len(strings.TrimRight(s, "0")) < len(s)-16 {
		return false
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && strconv.FormatFloat(f, 'f', -1, 64) == s
}

// idCheckDigit computes the 18th character of an ID number from the first 17.
func idCheckDigit(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

// codeRE is what an identifier may contain after normalisation.
var codeRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z_\-./]*$`)

// checkCode normalises an identifier such as 学籍号 or 学校代码. A value in
// exponent form is refused because its digits are gone; a trailing ".0" left
// by a number cell is dropped.
func checkCode(s, header string) (string, error) {
	s = strings.ReplaceAll(s, " ", "")
	if floatRE.MatchString(s) {
		if strings.ContainsAny(s, "eE") {
			return "", errors.New(header + "被 Excel 存成了数字，部分数字已丢失，请将该列设为文本后重新填写")
		}
		s = s[:strings.IndexByte(s, '.')]
	}
	if !codeRE.MatchString(s) || len(s) > 64 {
		return "", errors.New(header + "只能包含字母、数字和 - _ . /")
	}
	return s, nil
}
