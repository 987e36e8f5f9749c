package secret

import (
	"bytes"
	"testing"
)

func TestSealHidesContentAndBindsLabel(t *testing.T) {
	k, _ := New(bytes.Repeat([]byte{7}, 32))
	plain := []byte("张三,330302199001011234,13800138000")
	sealed := k.Seal(plain, "job_files/1/名单.xlsx")
	if bytes.Contains(sealed, []byte("330302199001011234")) || bytes.Contains(sealed, []byte("13800138000")) {
		t.Fatal("sealed bytes contain the plain ID or phone number")
	}
	got, err := k.Open(sealed, "job_files/1/名单.xlsx")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := k.Open(sealed, "job_files/2/名单.xlsx"); err == nil {
		t.Fatal("a file sealed for job 1 opened as job 2's")
	}
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Open(sealed, "job_files/1/名单.xlsx"); err == nil {
		t.Fatal("opened under another key")
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := k.Open(sealed, "job_files/1/名单.xlsx"); err == nil {
		t.Fatal("altered ciphertext opened")
	}
}
