package dict_test

import (
	"testing"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/dict"
)

// TestPermissionsAreAuths: dict's copies of the core keys are the very
// keys auth registers, so a rename in auth cannot leave dict checking a
// permission nobody holds.
func TestPermissionsAreAuths(t *testing.T) {
	if dict.PermEdit != auth.PermSystemConfig || dict.PermCalendarEdit != auth.PermRegionEdit {
		t.Errorf("dict checks %q and %q, auth has %q and %q", dict.PermEdit, dict.PermCalendarEdit, auth.PermSystemConfig, auth.PermRegionEdit)
	}
}
