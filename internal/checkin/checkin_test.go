package checkin

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/secret"
)

func keys(t *testing.T, b byte) *secret.Keys {
	t.Helper()
	k, err := secret.New([]byte(strings.Repeat(string(rune('a'+b)), 32)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var (
	opens  = time.Date(2025, 9, 1, 6, 0, 0, 0, time.UTC) // 14:00 CST
	closes = opens.Add(150 * time.Minute)
	during = opens.Add(30 * time.Minute)
)

func message(t *testing.T, err error) string {
	t.Helper()
	if app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("want EINVALID, got %v", err)
	}
	return app.ErrorMessage(err)
}

func TestCodeChecksForItsSessionInsideItsWindow(t *testing.T) {
	k := keys(t, 0)
	code := Code(k, "activity", 42, opens, closes)
	if err := Check(k, code, "activity", 42, during); err != nil {
		t.Fatalf("own code refused: %v", err)
	}
	if err := Check(k, code, "activity", 42, opens); err != nil {
		t.Fatalf("code refused at the opening minute: %v", err)
	}
}

func TestCodeOfAnotherSessionIsRefused(t *testing.T) {
	k := keys(t, 0)
	code := Code(k, "activity", 42, opens, closes)
	for _, c := range []struct {
		kind string
		id   int64
	}{{"activity", 43}, {"program_session", 42}} {
		if m := message(t, Check(k, code, c.kind, c.id, during)); m != "这不是本场活动的签到码" {
			t.Errorf("%s %d: %q", c.kind, c.id, m)
		}
	}
}

func TestYesterdaysCodeIsRefusedNamingItsWindow(t *testing.T) {
	k := keys(t, 0)
	code := Code(k, "activity", 42, opens, closes)
	for _, at := range []time.Time{opens.Add(-time.Minute), closes, opens.Add(24 * time.Hour)} {
		m := message(t, Check(k, code, "activity", 42, at))
		if !strings.Contains(m, "2025-09-01 14:00 至 16:30") {
			t.Errorf("at %v: %q does not name the window", at, m)
		}
	}
}

func TestForgedOrEditedCodesAreRefused(t *testing.T) {
	k := keys(t, 0)
	code := Code(k, "activity", 42, opens, closes)
	f := strings.Split(code, ".")
	f[3] = "9999999999" // stretch the window
	stretched := strings.Join(f, ".")
	other := Code(keys(t, 1), "activity", 42, opens, closes) // another installation's key
	for name, c := range map[string]string{"stretched": stretched, "other key": other, "empty": "",
		"garbage": "a.b.c", "no tag": "activity.42.1.2", "long": strings.Repeat("x", 500)} {
		if m := message(t, Check(k, c, "activity", 42, during)); !strings.Contains(m, "签到码无效") {
			t.Errorf("%s: %q", name, m)
		}
	}
}

func FuzzCheckNeverPanics(f *testing.F) {
	k, _ := secret.New([]byte(strings.Repeat("k", 32)))
	f.Add(Code(k, "activity", 1, opens, closes))
	f.Add("activity.1.2.3.AAAA")
	f.Fuzz(func(t *testing.T, code string) {
		_ = Check(k, code, "activity", 1, during)
	})
}
