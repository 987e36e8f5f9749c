package site_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/webtest"
)

// forgeHost makes every request of c claim the Host (and forwarded host)
// evil, as a client on the network can.
type forgeHost struct {
	evil string
	next http.RoundTripper
}

func (f forgeHost) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Host = f.evil
	r.Header.Set("X-Forwarded-Host", f.evil)
	r.Header.Set("X-Forwarded-Proto", "https")
	return f.next.RoundTrip(r)
}

var pdfText = regexp.MustCompile(`<([0-9A-F]+)> Tj`)

// pdfTexts decodes the UTF-16BE text objects of a certificate PDF.
func pdfTexts(pdf string) string {
	var out []string
	for _, m := range pdfText.FindAllStringSubmatch(pdf, -1) {
		b, _ := hex.DecodeString(m[1])
		u := make([]uint16, len(b)/2)
		for k := range u {
			u[k] = uint16(b[2*k])<<8 | uint16(b[2*k+1])
		}
		out = append(out, string(utf16.Decode(u)))
	}
	return strings.Join(out, "\n")
}

func TestForgedHostNeverReachesAnAbsoluteURL(t *testing.T) {
	const evil = "attacker.example"
	const public = "https://jiaoyan.example.cn"
	s := webtest.New(t)
	s.Server.Config.PublicURL = public
	forged := func(c *webtest.Client) *webtest.Client {
		c.Transport = forgeHost{evil: evil, next: http.DefaultTransport}
		return c
	}

	// The certificate PDF's check address.
	f := reviewweb.NewFlow(t, s.World, "a", "鹿城区评比", reviewweb.StagePublicityOver, 0, false)
	if _, err := f.Svc.Finalize(context.Background(), s.CountyA, f.Campaign); err != nil {
		t.Fatal(err)
	}
	certs, err := f.Svc.CertificatesOf(context.Background(), s.CountyA, f.Campaign)
	if err != nil || len(certs) != 1 {
		t.Fatalf("certs %v %v", certs, err)
	}
	_, pdf := forged(s.Anon()).Get("/certificates/" + certs[0].Serial + "/pdf")
	text := pdfTexts(pdf)
	if strings.Contains(pdf, evil) || strings.Contains(text, evil) || !strings.Contains(text, "查验地址："+public+"/certificates/"+certs[0].Serial) {
		t.Errorf("certificate PDF text, Host forged as %s:\n%s", evil, text)
	}

	// The venue's check-in QR: the link shown and the image drawn from it.
	id := activityweb.Published(t, s.World, "county_a", s.World.BureauA, "鹿城区小学数学研讨", activity.ModeOpen)
	_, body := forged(s.As("county_a")).Get(fmt.Sprintf("/activities/%d/qr", id))
	m := regexp.MustCompile(`(\S*)/activities/\d+/checkin\?code=([^"&<\s]+)`).FindStringSubmatch(body)
	if m == nil || strings.Contains(body, evil) {
		t.Fatalf("QR page, Host forged: %s", body)
	}
	link := fmt.Sprintf("%s/activities/%d/checkin?code=%s", public, id, m[2])
	png, err := web.QRPNG(link)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `href="`+link+`"`) {
		t.Errorf("no link %s in %s", link, body)
	}
	if !strings.Contains(html.UnescapeString(body), "data:image/png;base64,"+base64.StdEncoding.EncodeToString(png)) {
		t.Errorf("the QR page's image is not of %s", link)
	}

	// The calendar file of one's sign-ups.
	if err := activityweb.ServiceOf(s.World).SignUp(context.Background(), s.World.TeacherUserA, id); err != nil {
		t.Fatal(err)
	}
	_, ics := forged(s.As("teacher_a")).Get("/activities/mine.ics")
	unfolded := strings.ReplaceAll(ics, "\r\n ", "")
	if strings.Contains(unfolded, evil) || !strings.Contains(unfolded, fmt.Sprintf("URL:%s/activities/%d\r\n", public, id)) ||
		!strings.Contains(unfolded, fmt.Sprintf("UID:activity-%d@jiaoyan.example.cn", id)) {
		t.Errorf("ICS, Host forged:\n%s", ics)
	}
}
