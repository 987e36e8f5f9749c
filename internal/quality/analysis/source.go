package analysis

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"jiaoyan/internal/app"
)

// rowSource yields the records of a table one at a time. The fields returned by
// Next are valid only until the following call. Next returns io.EOF after the
// last record. Record numbers are 1-based and count the header, so they match
// the row numbers a user sees in a spreadsheet.
type rowSource interface {
	Next() ([][]byte, error)
	Record() int
	Close() error
}

// Progress receives how far a reader has come: done and total in the same unit
// (bytes for CSV, rows for xlsx where total is unknown and reported as 0).
type Progress func(done, total int64)

// openTable opens a CSV or xlsx file by its extension.
func openTable(path string, progress Progress) (rowSource, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return openXLSX(path, progress)
	default:
		return openCSV(path, progress)
	}
}

// openCSV opens a CSV file, detecting the encoding: a UTF-8 byte-order mark,
// else valid UTF-8 in the first 64 KiB, else GB18030.
func openCSV(path string, progress Progress) (rowSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, app.Errorf(app.EINVALID, "无法打开文件 %s：%v", filepath.Base(path), err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, app.Internal(err)
	}
	cr := &countingReader{r: f, total: st.Size(), progress: progress}
	br := bufio.NewReaderSize(cr, 64<<10)
	r, err := decodeReader(br)
	if err != nil {
		f.Close()
		return nil, app.Internal(err)
	}
	cs := newCSVScanner(r, f)
	cs.size = st.Size()
	return cs, nil
}

// decodeReader returns a UTF-8 reader over br after sniffing its encoding.
func decodeReader(br *bufio.Reader) (io.Reader, error) {
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
		return br, nil
	}
	if validUTF8Prefix(head, err == io.EOF) {
		return br, nil
	}
	return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut off at
// the end of a buffer that is not the end of the file.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if !atEOF {
		for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
			if utf8.Valid(b) {
				return true
			}
			b = b[:len(b)-1]
		}
	}
	return utf8.Valid(b)
}

// countingReader reports bytes read to a Progress callback every 4 MiB.
type countingReader struct {
	r        io.Reader
	n, last  int64
	total    int64
	progress Progress
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && (c.n-c.last >= 4<<20 || err == io.EOF) {
		c.last = c.n
		c.progress(c.n, c.total)
	}
	return n, err
}
