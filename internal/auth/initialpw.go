package auth

import (
	"crypto/rand"
	"math/big"
)

// Initial passwords avoid characters that are easy to misread on a printed
// slip (0/O, 1/l/I) and symbols that are hard to type on a phone.
const (
	pwUpper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	pwLower  = "abcdefghijkmnpqrstuvwxyz"
	pwDigits = "23456789"
	pwSymbol = "#%*!?" // none starts a spreadsheet formula (= + - @)
)

// NewInitialPassword returns a random one-time password for username that
// meets s.Policy.Rule: at least 12 characters (more if the rule asks), with
// an upper-case letter, a lower-case letter, a digit and a symbol. It is
// meant to be shown once and changed at first sign-in.
func (s *Service) NewInitialPassword(username string) string {
	n := max(12, s.Policy.Rule.MinLen)
	for {
		pw := randomPassword(n)
		if s.Policy.Rule.Check(username, pw) == nil {
			return pw
		}
	}
}

func randomPassword(n int) string {
	all := pwUpper + pwLower + pwDigits + pwSymbol
	b := []byte{pick(pwUpper), pick(pwLower), pick(pwDigits), pick(pwSymbol)}
	for len(b) < n {
		b = append(b, pick(all))
	}
	for i := len(b) - 1; i > 0; i-- { // Fisher-Yates, so the classes sit anywhere
		j := randInt(i + 1)
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func pick(set string) byte { return set[randInt(len(set))] }

func randInt(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic("crypto/rand: " + err.Error()) // never happens on a supported OS
	}
	return int(v.Int64())
}
