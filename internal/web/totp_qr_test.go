package web_test

import (
	"bytes"
	"encoding/base64"
	"html"
	"image/png"
	"regexp"
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/webtest"
)

// TestTOTPEnrolmentShowsQRCodeOfTheSecret: the enrolment page holds, beside
// the secret text, a PNG QR code that is exactly the drawing of the
// otpauth address of that secret for the signed-in account.
func TestTOTPEnrolmentShowsQRCodeOfTheSecret(t *testing.T) {
	s := webtest.New(t)
	s.Auth.Policy.RequireAdminTOTP = true
	s.Admin(t, "sys", auth.RoleSysAdmin)
	_, body := s.As("sys").Post("/account/totp/begin", nil)
	sec := regexp.MustCompile(`id="totp-secret" class="secret">([A-Z2-7]+)<`).FindStringSubmatch(body)
	img := regexp.MustCompile(`<img id="totp-qr"[^>]* src="data:image/png;base64,([^"]+)"`).FindStringSubmatch(body)
	if sec == nil || img == nil {
		t.Fatalf("enrolment page lacks the secret or the QR image:\n%s", body)
	}
	raw, err := base64.StdEncoding.DecodeString(html.UnescapeString(img[1])) // as the browser reads the attribute
	if err != nil {
		t.Fatal(err)
	}
	pic, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("QR image is not a PNG: %v", err)
	}
	b := pic.Bounds()
	// A QR symbol is 21+4k modules a side, plus a 4-module quiet zone each side, 8 px a module.
	if side := b.Dx(); side != b.Dy() || side%8 != 0 || (side/8-8-21)%4 != 0 || side/8-8 < 21 {
		t.Errorf("QR image is %dx%d, not a QR-sized square", b.Dx(), b.Dy())
	}
	want, err := web.QRPNG(auth.TOTPURI("教研平台", "sys", sec[1]))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, want) {
		t.Error("QR image does not encode the otpauth address of the secret shown")
	}
}
