package exchange

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiaoyan/internal/app"
)

// fuzzLimits keep each fuzz input cheap.
var fuzzLimits = Limits{MaxFileBytes: 1 << 20, MaxRows: 500, MaxCols: 50, UnzipSizeLimit: 8 << 20, UnzipXMLSizeLimit: 4 << 20}

// addSeeds adds the small files of testdata/malformed with the given extension.
func addSeeds(f *testing.F, ext string) {
	paths, _ := filepath.Glob(filepath.Join(malformedDir, "*"+ext))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
}

// checkOpen reads data to the end and checks that every failure is a
// user-facing file error and that row numbers only go up.
func checkOpen(t *testing.T, name string, data []byte) {
	rd, err := OpenBytes(name, data, teacherSpec, fuzzLimits)
	if err != nil {
		checkFileError(t, err)
		return
	}
	defer rd.Close()
	last := 0
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			checkFileError(t, err)
			return
		}
		if row.Num <= last {
			t.Fatalf("row number %d after %d", row.Num, last)
		}
		last = row.Num
	}
}

func checkFileError(t *testing.T, err error) {
	var ae *app.Error
	if !errors.As(err, &ae) || (ae.Code != app.EINVALID && ae.Code != app.ETOOLARGE) || ae.Message == "" {
		t.Fatalf("not a user-facing file error: %#v", err)
	}
}

func FuzzOpenXLSX(f *testing.F) {
	addSeeds(f, ".xlsx")
	addSeeds(f, ".xls")
	f.Add(oneSheet(f, []any{"姓名", "身份证号", "出生日期"}, []any{"张三", validID("44010619900101123"), 45536}))
	f.Fuzz(func(t *testing.T, data []byte) { checkOpen(t, "f.xlsx", data) })
}

func FuzzOpenCSV(f *testing.F) {
	addSeeds(f, ".csv")
	f.Add([]byte("\ufeff姓名,身份证号,出生日期\n张三,110105194912310021,2024.9.1\n"))
	f.Add([]byte("姓名\t身份证号\n\"李\"\"四\"\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkOpen(t, "f.csv", data) })
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-09-01", "2024年9月1日", "20240901", "45536", "2024.9.1", "１９９０/１/１", "60", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Year() < 1900 || d.Year() > 2199 {
			t.Fatalf("ParseDate(%q) = %v out of range", s, d)
		}
		if again, err := ParseDate(d.Format("2006-01-02")); err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v does not round-trip: %v %v", s, d, again, err)
		}
	})
}

func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"  张三\u00a0", "ＡＢＣ１２３", "a\u200bb", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeText(s)
		if NormalizeText(n) != n {
			t.Fatalf("NormalizeText not idempotent on %q: %q", s, n)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1.50", "-3.5", "1E+3", "1,200", "０．５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			return
		}
		if again, err := ParseDecimal(d); err != nil || again != d {
			t.Fatalf("ParseDecimal(%q) = %q is not canonical: %q %v", s, d, again, err)
		}
	})
}

func FuzzBlankText(f *testing.F) {
	for _, s := range []string{" ", "\u3000", "\xff", "\u200b", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if blankText(s) != (NormalizeText(s) == "") {
			t.Fatalf("blankText(%q) disagrees with NormalizeText %q", s, NormalizeText(s))
		}
	})
}

// FuzzParseMonth: a year-month alone is the 1st of a real month in range.
func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2001.09", "2001年9月", "2001-9", "200109", "２００１．０９", "2001.13", "0000.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseMonth(s)
		if ok && (d.Day() != 1 || d.Year() < 1900 || d.Year() > 2199) {
			t.Fatalf("parseMonth(%q) = %v", s, d)
		}
	})
}

// FuzzFormulaScan: the worksheet scan for formula cells never panics and
// remembers only real cell positions.
func FuzzFormulaScan(f *testing.F) {
	for _, s := range []string{`<c r="B3"><f>A3&amp;C3</f><v></v></c>`, `<x:c r="A1"><x:f t="shared" si="0"/></x:c>`, `<c><f>1</f></c>`, `<c r="ZZZZ1"><f`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		br := bufio.NewReader(strings.NewReader(s))
		fs := formulaScan{found: map[cellPos]string{}}
		for {
			if _, err := br.ReadSlice('<'); err != nil {
				break
			}
			peek, _ := br.Peek(96)
			fs.tag(br, peek)
		}
		for p := range fs.found {
			if p.row < 1 || p.col < 1 {
				t.Fatalf("position %v from %q", p, s)
			}
		}
	})
}
