package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
)

// Hash returns the SHA-256 of everything read from r as lower-case hex, so a
// caller can record which file an import batch came from and spot re-uploads.
func Hash(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
