package config

import "testing"

// TestNotifySettings: three days and no mail by default; every SMTP
// variable is read; a mail host without a sender address, a bad port or
// a reminder window out of range is refused at start-up.
func TestNotifySettings(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil || c.Notify.RemindDays != 3 || c.Notify.SMTP.Host != "" || c.Notify.SMTP.Port != 25 {
		t.Fatalf("defaults: %+v %v", c.Notify, err)
	}
	c, err = FromEnv(env(map[string]string{"JIAOYAN_REMIND_DAYS": "5", "JIAOYAN_SMTP_HOST": "smtp.example.cn",
		"JIAOYAN_SMTP_PORT": "587", "JIAOYAN_SMTP_USERNAME": "jy", "JIAOYAN_SMTP_PASSWORD": "pw", "JIAOYAN_SMTP_FROM": "教研平台 <jy@example.cn>"}))
	want := SMTP{Host: "smtp.example.cn", Port: 587, Username: "jy", Password: "pw", From: "教研平台 <jy@example.cn>"}
	if err != nil || c.Notify.RemindDays != 5 || c.Notify.SMTP != want {
		t.Fatalf("overrides: %+v %v", c.Notify, err)
	}
	for _, bad := range []map[string]string{
		{"JIAOYAN_REMIND_DAYS": "0"},
		{"JIAOYAN_SMTP_HOST": "smtp.example.cn"},
		{"JIAOYAN_SMTP_HOST": "smtp.example.cn", "JIAOYAN_SMTP_FROM": "jy@example.cn", "JIAOYAN_SMTP_PORT": "70000"},
	} {
		if _, err := FromEnv(env(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
