package notify_test

import (
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/notify"
)

// TestNoticePermissionMatchesTheBuiltInRoles holds notify's key equal to
// the one auth grants to the built-in administrators (auth cannot import
// notify), with the same Chinese name.
func TestNoticePermissionMatchesTheBuiltInRoles(t *testing.T) {
	if notify.PermNoticePublish != auth.PermNoticePublish {
		t.Fatalf("notify %q != auth %q", notify.PermNoticePublish, auth.PermNoticePublish)
	}
	for _, d := range notify.PermNames {
		if got := auth.PermName(d.Code); got != d.Name {
			t.Errorf("%s: auth names it %q, notify %q", d.Code, got, d.Name)
		}
	}
}
