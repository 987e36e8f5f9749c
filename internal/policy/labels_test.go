package policy

import (
	"strings"
	"testing"

	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// TestPolicyAuditRowsReadInChinese: adopting a preset names the region,
// and both policy actions and every 适用对象 have Chinese names.
func TestPolicyAuditRowsReadInChinese(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CountyA, countyA, "wenzhou_2024_26", 2025)
	var summary string
	err := f.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT summary FROM audit_log WHERE action = 'policy.apply_preset'").Scan(&summary)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(summary, "鹿城区 采用预设") || strings.Contains(summary, countyA) {
		t.Errorf("summary %q should name the region, not its code", summary)
	}
	for _, code := range []string{"policy.apply_preset", "policy.update"} {
		if audit.ActionLabel(code) == audit.OtherAction {
			t.Errorf("%s has no Chinese name", code)
		}
	}
	for _, d := range Catalogue() {
		if n := d.AppliesToName(); n == "其他" || n == string(d.AppliesTo) {
			t.Errorf("rule %s: 适用对象 %q has no Chinese name", d.Name, d.AppliesTo)
		}
	}
}
