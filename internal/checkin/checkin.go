// Package checkin makes and checks 签到码: the code a venue shows as a QR
// code so that people present can check in on their phones. A code names
// one session (a kind such as "activity" and its id) and the window in
// which it is valid, and carries a keyed tag, so a code cannot be made up,
// moved to another session, or used from a photo taken on another day.
package checkin

import (
	"crypto/hmac"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/secret"
)

const label = "checkin v1"

var (
	b64 = base64.RawURLEncoding
	cst = time.FixedZone("CST", 8*3600)
)

// Code signs a check-in code for session (kind, id) valid in [opens,
// closes). kind is a short lower-case word ("activity", "program_session");
// the code is safe in a URL query without escaping.
func Code(k *secret.Keys, kind string, id int64, opens, closes time.Time) string {
	body := fmt.Sprintf("%s.%d.%d.%d", kind, id, opens.Unix(), closes.Unix())
	return body + "." + b64.EncodeToString(k.Tag(label, []byte(body))[:16])
}

// Check verifies code for session (kind, id) at now. It returns an
// *app.Error (EINVALID, field "code") whose Chinese message says what is
// wrong: a code that is not one of ours, one of another session, or one
// used outside its window (the message names the window).
func Check(k *secret.Keys, code, kind string, id int64, now time.Time) error {
	c, ok := parse(k, code)
	if !ok {
		return app.Invalid("code", "签到码无效，请扫描现场展示的二维码")
	}
	if c.kind != kind || c.id != id {
		return app.Invalid("code", "这不是本场活动的签到码")
	}
	if now.Before(c.opens) || !now.Before(c.closes) {
		return app.Invalid("code", "签到码仅在 %s 有效，现在不能用它签到", window(c.opens, c.closes))
	}
	return nil
}

type parsed struct {
	kind          string
	id            int64
	opens, closes time.Time
}

func parse(k *secret.Keys, code string) (parsed, bool) {
	i := strings.LastIndexByte(code, '.')
	if i < 0 || len(code) > 200 {
		return parsed{}, false
	}
	body, tagText := code[:i], code[i+1:]
	tag, err := b64.DecodeString(tagText)
	if err != nil || len(tag) != 16 || !tagMatches(k, body, tag) {
		return parsed{}, false
	}
	f := strings.Split(body, ".")
	if len(f) != 4 {
		return parsed{}, false
	}
	id, e1 := strconv.ParseInt(f[1], 10, 64)
	o, e2 := strconv.ParseInt(f[2], 10, 64)
	c, e3 := strconv.ParseInt(f[3], 10, 64)
	if e1 != nil || e2 != nil || e3 != nil {
		return parsed{}, false
	}
	return parsed{kind: f[0], id: id, opens: time.Unix(o, 0), closes: time.Unix(c, 0)}, true
}

func tagMatches(k *secret.Keys, body string, tag []byte) bool {
	return hmac.Equal(k.Tag(label, []byte(body))[:16], tag)
}

// window is "2025-09-01 14:00 至 16:30" (the end's date is named when it
// falls on another day), in China time.
func window(opens, closes time.Time) string {
	o, c := opens.In(cst), closes.In(cst)
	end := c.Format("15:04")
	if c.Format("2006-01-02") != o.Format("2006-01-02") {
		end = c.Format("2006-01-02 15:04")
	}
	return o.Format("2006-01-02 15:04") + " 至 " + end
}
