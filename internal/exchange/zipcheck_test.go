package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"
)

// countRows must count each row once however the tags fall across the
// 64 KB read chunks, with or without a namespace prefix.
func TestCountRowsAcrossChunks(t *testing.T) {
	for _, prefix := range []string{"", "x:"} {
		data := rawXLSX(t, func(w io.Writer) {
			for i := range 30_000 {
				fmt.Fprintf(w, `<%srow r="%d"><%sc><%sv>%d</%sv></%sc></%srow>`, prefix, i+1, prefix, prefix, i, prefix, prefix, prefix)
				if i%7 == 0 {
					fmt.Fprintf(w, "<%srow/>", prefix) // an empty row, also counted
				}
			}
			io.WriteString(w, `<rowBreaks count="0"/>`)
		})
		zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		for _, f := range zr.File {
			if f.Name != "xl/worksheets/sheet1.xml" {
				continue
			}
			n, err := countRows(f, 1_000_000)
			if want := 30_000 + 30_000/7 + 1; err != nil || n != want {
				t.Errorf("prefix %q: counted %d, want %d (%v)", prefix, n, want, err)
			}
			if n, _ := countRows(f, 500); n < 500 || n > 5000 { // stops within one 64 KB chunk
				t.Errorf("prefix %q: stop at 500 counted %d", prefix, n)
			}
		}
	}
}
