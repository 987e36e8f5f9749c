// Package secret encrypts personal data at rest (身份证号, phone numbers, TOTP
// secrets) with AES-256-GCM and derives keyed lookup hashes (HMAC-SHA256), both
// from one master key that lives in a file or setting, never in the database.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/crypto/hkdf"
)

// Keys holds the subkeys derived from the master key.
type Keys struct {
	aead cipher.AEAD
	mac  []byte
	sign []byte
}

// New derives the encryption and lookup keys from a 32-byte master key.
func New(master []byte) (*Keys, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("数据密钥应为 32 字节，当前为 %d 字节", len(master))
	}
	encKey := derive(master, "jiaoyan field encryption v1")
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keys{aead: aead, mac: derive(master, "jiaoyan lookup hash v1"), sign: derive(master, "jiaoyan signed codes v1")}, nil
}

func derive(master []byte, info string) []byte {
	out := make([]byte, 32)
	io.ReadFull(hkdf.New(sha256.New, master, nil, []byte(info)), out)
	return out
}

// Encrypt returns base64(nonce || ciphertext) of plain; "" stays "".
func (k *Keys) Encrypt(plain string) string {
	if plain == "" {
		return ""
	}
	nonce := make([]byte, k.aead.NonceSize())
	rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(k.aead.Seal(nonce, nonce, []byte(plain), nil))
}

// Decrypt reverses Encrypt. It fails if the value was altered or was
// encrypted under another key.
func (k *Keys) Decrypt(enc string) (string, error) {
	if enc == "" {
		return "", nil
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil || len(b) < k.aead.NonceSize() {
		return "", errors.New("密文格式错误")
	}
	n := k.aead.NonceSize()
	plain, err := k.aead.Open(nil, b[:n], b[n:], nil)
	if err != nil {
		return "", errors.New("解密失败：数据密钥不符或数据被改动")
	}
	return string(plain), nil
}

// Lookup returns the keyed hash used to find a record by its exact value
// without storing the value; "" for "". Callers normalise first (upper case X).
func (k *Keys) Lookup(plain string) string {
	if plain == "" {
		return ""
	}
	m := hmac.New(sha256.New, k.mac)
	m.Write([]byte(plain))
	return hex.EncodeToString(m.Sum(nil))
}

// Load returns the master key: inline (base64) when given, else read from
// file. When neither exists and create is set, a new random key is written to
// file with mode 0600 and created is true: the operator must back it up, as
// without it the encrypted data cannot be read.
func Load(inline, file string, create bool) (key []byte, created bool, err error) {
	if inline != "" {
		key, err = base64.StdEncoding.DecodeString(strings.TrimSpace(inline))
		return key, false, err
	}
	b, err := os.ReadFile(file)
	if err == nil {
		key, err = base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil {
			return nil, false, fmt.Errorf("密钥文件 %s 格式错误（应为 base64）", file)
		}
		return key, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) || !create {
		return nil, false, fmt.Errorf("读取密钥文件 %s 失败: %w", file, err)
	}
	key = make([]byte, 32)
	rand.Read(key)
	if err := os.WriteFile(file, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, false, err
	}
	return key, true, nil
}

// Mask keeps the first keep and last tail runes of s and stars the rest:
// Mask("440106199001011234", 4, 4) = "4401**********1234".
func Mask(s string, keep, tail int) string {
	r := []rune(s)
	if len(r) <= keep+tail {
		return strings.Repeat("*", len(r))
	}
	return string(r[:keep]) + strings.Repeat("*", len(r)-keep-tail) + string(r[len(r)-tail:])
}
