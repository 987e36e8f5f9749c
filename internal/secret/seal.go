package secret

import (
	"crypto/rand"
	"errors"
)

// Seal encrypts a whole file (an uploaded roster, an error report) with the
// data key: nonce || AES-256-GCM ciphertext. label binds the ciphertext to
// where it is stored (e.g. "job_files/12/错误报告.xlsx"): Open with another
// label fails, so a sealed file cannot be moved to another row unnoticed.
func (k *Keys) Seal(plain []byte, label string) []byte {
	nonce := make([]byte, k.aead.NonceSize(), k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	rand.Read(nonce)
	return k.aead.Seal(nonce, nonce, plain, []byte("jiaoyan sealed file v1\x00"+label))
}

// Open reverses Seal with the same label. It fails if the data was altered,
// sealed under another key or with another label.
func (k *Keys) Open(sealed []byte, label string) ([]byte, error) {
	n := k.aead.NonceSize()
	if len(sealed) < n+k.aead.Overhead() {
		return nil, errors.New("密文格式错误")
	}
	plain, err := k.aead.Open(nil, sealed[:n], sealed[n:], []byte("jiaoyan sealed file v1\x00"+label))
	if err != nil {
		return nil, errors.New("解密失败：数据密钥不符或数据被改动")
	}
	return plain, nil
}
