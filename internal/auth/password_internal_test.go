package auth

import (
	"strings"
	"testing"
)

// TestDummyHashCostsLikeARealOne: the hash an unknown username is checked
// against carries the configured argon2id parameters, so refusing it takes
// as long as refusing a wrong password of a real account.
func TestDummyHashCostsLikeARealOne(t *testing.T) {
	for _, cost := range [][2]uint32{{1024, 1}, {65536, 2}, {19456, 3}} {
		h := NewHasher(cost[0], cost[1], 1)
		params := func(phc string) string { return strings.Join(strings.Split(phc, "$")[:4], "$") }
		if got, want := params(h.dummyHash()), params(h.Hash("Real#2026pw")); got != want {
			t.Errorf("dummy hash %s, real accounts %s", got, want)
		}
		if h.Verify("", h.dummyHash()) {
			t.Error("dummy hash matches the empty password")
		}
	}
}
