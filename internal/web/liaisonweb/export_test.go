package liaisonweb_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/webtest"
)

// TestCoverageAndRoundExportsWriteNumbers: visit counts, days and weeks are
// number cells under headers naming the unit.
func TestCoverageAndRoundExportsWriteNumbers(t *testing.T) {
	s := webtest.New(t)
	f := liaisonweb.NewRoundFixture(t, s.World, "330302", s.SchoolA, true, false)
	c := s.As("county_a")
	for path, headers := range map[string][]string{
		"/stations/coverage/export?region=330302": {"到校次数（次）", "在校天数（天）"},
		fmt.Sprintf("/rounds/%d/export", f.Round): {"在校天数（天）", "要求（周）"},
	} {
		_, body := c.Get(path)
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		sheet := x.GetSheetList()[0]
		rows, _ := x.GetRows(sheet)
		for _, h := range headers {
			col := -1
			for i, got := range rows[0] {
				if got == h {
					col = i
				}
			}
			if col < 0 || len(rows) < 2 {
				t.Fatalf("%s: no column %q with a row in %v", path, h, rows)
			}
			name, _ := excelize.CoordinatesToCellName(col+1, 2)
			if typ, _ := x.GetCellType(sheet, name); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("%s %s is text, want a number", path, h)
			}
		}
	}
}
