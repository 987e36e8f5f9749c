package auth

import (
	"strings"
	"unicode"

	"jiaoyan/internal/app"
)

// PasswordRule is the complexity rule: MinLen characters from at least
// Classes of the four classes (upper, lower, digit, symbol), not containing
// the username, not a common or trivially patterned password.
type PasswordRule struct {
	MinLen  int
	Classes int
}

// Check returns an EINVALID error on field "password" explaining the first
// rule that password breaks, or nil.
func (r PasswordRule) Check(username, password string) error {
	if len([]rune(password)) < r.MinLen {
		return app.Invalid("password", "密码至少需要 %d 个字符", r.MinLen)
	}
	if n := classCount(password); n < r.Classes {
		return app.Invalid("password", "密码需包含大写字母、小写字母、数字、符号中的至少 %d 类（当前 %d 类）", r.Classes, n)
	}
	lower := strings.ToLower(password)
	if username != "" && strings.Contains(lower, strings.ToLower(username)) {
		return app.Invalid("password", "密码不能包含用户名")
	}
	if isCommon(lower) {
		return app.Invalid("password", "该密码过于常见，容易被猜中，请换一个")
	}
	return nil
}

func classCount(s string) int {
	var up, low, dig, sym bool
	for _, c := range s {
		switch {
		case unicode.IsUpper(c):
			up = true
		case unicode.IsLower(c):
			low = true
		case unicode.IsDigit(c):
			dig = true
		default:
			sym = true
		}
	}
	n := 0
	for _, b := range []bool{up, low, dig, sym} {
		if b {
			n++
		}
	}
	return n
}

// isCommon reports whether a lower-cased password is on the common list once
// trailing digits and symbols are stripped, or is a keyboard/sequence run.
func isCommon(lower string) bool {
	if commonPasswords[lower] {
		return true
	}
	core := strings.TrimRightFunc(lower, func(c rune) bool { return !unicode.IsLetter(c) })
	if len(core) >= 4 && commonPasswords[core] {
		return true
	}
	return isKeyboardRun(strings.Map(keepAlnum, lower))
}

var keyboardRuns = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"}

// isKeyboardRun reports a password made of a letter run (abc, qwerty…)
// followed by a digit run (123…), like "Abc12345" or "Qwertyuiop1".
func isKeyboardRun(alnum string) bool {
	letters := strings.TrimRightFunc(alnum, unicode.IsDigit)
	digits := alnum[len(letters):]
	if digits != "" && !strings.Contains("01234567890123456789", digits) {
		return false
	}
	if letters == "" {
		return len(digits) >= 6
	}
	for _, run := range keyboardRuns {
		if len(letters) >= 3 && strings.Contains(run, letters) {
			return true
		}
	}
	return false
}

func keepAlnum(c rune) rune {
	if unicode.IsLetter(c) || unicode.IsDigit(c) {
		return c
	}
	return -1
}

// commonPasswords are words that head public leaked-password lists, in
// Chinese and English use, lower-cased.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`password passw0rd p@ssw0rd p@ssword admin administrator root
		qwerty qwerty123 abc123 abcd1234 a123456 a1234567 a12345678 aa123456 123456a 1234qwer qwer1234
		iloveyou welcome welcome1 letmein monkey dragon master sunshine princess football baseball
		shadow superman batman trustno1 whatever starwars michael jennifer jordan hunter ranger
		changeme default secret login guest test test123 user temp temp123 jiaoyan teacher school
		woaini woaini1314 wodemima mima 5201314 1314520 zhangwei wangwei liwei huawei xiaomi baidu
		taobao qq123456 abcabc aaaaaa asdasd zxczxc qazwsx qazwsxedc 1qaz2wsx 1q2w3e4r 1q2w3e4r5t
		zaq12wsx admin123 admin888 admin@123 root123 system manager beijing shanghai china
		wenzhou linyi qingyuan guangzhou shenzhen hangzhou jiaoyu jiaoshi xuexiao
		`) {
		m[w] = true
	}
	return m
}()
