package testutil

import "testing"

// TestFullScanNamesOnlyWholeTableReads: a whole-table or whole-index walk
// of the named table (or its alias) is found on either database; seeks,
// and scans of other tables whose names begin alike, are not.
func TestFullScanNamesOnlyWholeTableReads(t *testing.T) {
	for _, c := range []struct {
		plan, want string
	}{
		{"SCAN p", "SCAN p"},
		{"SEARCH o USING INDEX orgs_path (path>?)\n  SCAN p USING INDEX people_list", "SCAN p USING INDEX people_list"},
		{"SCAN people", "SCAN people"},
		{"Sort\n  ->  Seq Scan on people p  (cost=0.00..1.00 rows=1 width=8)", "->  Seq Scan on people p  (cost=0.00..1.00 rows=1 width=8)"},
		{"SEARCH p USING INDEX people_list (org_path>?)", ""},
		{"SCAN pp", ""},
		{"SCAN people_researchers", ""},
		{"Seq Scan on people_researchers  (cost=0.00..1.00 rows=1 width=8)", ""},
		{"Index Scan using people_list on people p  (cost=0.15..8.17 rows=1 width=8)", ""},
	} {
		if got := FullScan(c.plan, "people", "p"); got != c.want {
			t.Errorf("FullScan(%q) = %q, want %q", c.plan, got, c.want)
		}
	}
}
