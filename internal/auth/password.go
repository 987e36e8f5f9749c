// Package auth signs people in to the 等保 2.0 level-3 profile (argon2id,
// password rules, lockout, TOTP for administrators, database sessions),
// manages accounts and roles, and resolves each Actor's permissions and data
// scope (数据范围) from the organisation tree.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes passwords with argon2id. At most Concurrency hashes run at
// once, so a burst of sign-ins cannot exhaust memory on a 2-core machine.
type Hasher struct {
	MemoryKiB uint32
	Time      uint32
	sem       chan struct{}
	dummyOnce sync.Once
	dummy     string
}

// NewHasher returns a Hasher with the given cost and concurrency bound.
func NewHasher(memoryKiB, time uint32, concurrency int) *Hasher {
	h := &Hasher{MemoryKiB: memoryKiB, Time: time, sem: make(chan struct{}, concurrency)}
	h.dummyHash() // now, so the first unknown name costs no extra hash
	return h
}

// Hash returns the PHC string $argon2id$v=19$m=..,t=..,p=1$salt$key.
func (h *Hasher) Hash(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := h.derive(password, salt, h.MemoryKiB, h.Time)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=1$%s$%s", h.MemoryKiB, h.Time,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Verify reports whether password matches the PHC string encoded, using the
// parameters stored in it (so raising the cost does not lock anyone out).
func (h *Hasher) Verify(password, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := h.derive(password, salt, m, t)
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is a hash of a random password with the current parameters:
// verifying against it costs what verifying a real account costs, so an
// unknown username takes as long to refuse as a wrong password.
func (h *Hasher) dummyHash() string {
	h.dummyOnce.Do(func() {
		pw := make([]byte, 16)
		rand.Read(pw)
		h.dummy = h.Hash(string(pw))
	})
	return h.dummy
}

func (h *Hasher) derive(password string, salt []byte, m, t uint32) []byte {
	h.sem <- struct{}{}
	defer func() { <-h.sem }()
	return argon2.IDKey([]byte(password), salt, t, m, 1, 32)
}
