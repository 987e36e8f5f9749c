package secret

import (
	"bytes"
	"path/filepath"
	"testing"
)

func TestEncryptRoundTripAndTamper(t *testing.T) {
	k, err := New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	enc := k.Encrypt("44010619900101123X")
	if bytes.Contains([]byte(enc), []byte("1990")) {
		t.Fatal("ciphertext contains plaintext digits")
	}
	if k.Encrypt("44010619900101123X") == enc {
		t.Fatal("same plaintext encrypted identically (nonce reuse)")
	}
	got, err := k.Decrypt(enc)
	if err != nil || got != "44010619900101123X" {
		t.Fatalf("decrypt = %q, %v", got, err)
	}
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Decrypt(enc); err == nil {
		t.Fatal("decrypted with the wrong key")
	}
	if k.Lookup("a") != k.Lookup("a") || k.Lookup("a") == other.Lookup("a") {
		t.Fatal("lookup hash must be stable per key and differ across keys")
	}
}

func TestLoadCreatesKeyOnceWithPrivateMode(t *testing.T) {
	f := filepath.Join(t.TempDir(), "k")
	k1, created, err := Load("", f, true)
	if err != nil || !created || len(k1) != 32 {
		t.Fatalf("create: %v %v %d", err, created, len(k1))
	}
	k2, created, err := Load("", f, true)
	if err != nil || created || !bytes.Equal(k1, k2) {
		t.Fatal("second load did not return the same key")
	}
	if _, _, err := Load("", filepath.Join(t.TempDir(), "missing"), false); err == nil {
		t.Fatal("missing key file without create must fail")
	}
}

func TestMask(t *testing.T) {
	if got := Mask("44010619900101123X", 4, 4); got != "4401**********123X" {
		t.Fatal(got)
	}
	if got := Mask("13812345678", 3, 4); got != "138****5678" {
		t.Fatal(got)
	}
}
