package secret

import (
	"crypto/hmac"
	"crypto/sha256"
)

// Tag returns an HMAC-SHA256 of msg under a key of its own (not the lookup
// key), bound to label so that a tag made for one purpose ("checkin") is
// never valid for another. Codes handed to users (签到码) carry such a tag.
func (k *Keys) Tag(label string, msg []byte) []byte {
	h := hmac.New(sha256.New, k.sign)
	h.Write([]byte(label))
	h.Write([]byte{0})
	h.Write(msg)
	return h.Sum(nil)
}
