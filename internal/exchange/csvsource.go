package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns the bytes of a text file into UTF-8: a byte-order mark
// decides first (UTF-8, UTF-16LE/BE), then valid UTF-8 is taken as is, and
// anything else is read as GB18030 (a superset of GBK and GB2312, which is
// what Excel and WPS write on Chinese Windows).
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
	case bytes.IndexByte(data, 0) >= 0:
		return nil, fileError("文件内容不是文本表格（可能是改了扩展名的其他文件），请上传 .xlsx 或 .csv 文件")
	case utf8.Valid(data):
		return data, nil
	}
	return simplifiedchinese.GB18030.NewDecoder().Bytes(data)
}

// csvSource reads records of a decoded CSV file.
type csvSource struct {
	r   *csv.Reader
	num int
}

// newCSVSource decodes data and guesses the delimiter from the first line:
// a tab or semicolon wins over the comma only when it is more frequent.
func newCSVSource(data []byte) (*csvSource, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = guessDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	return &csvSource{r: r}, nil
}

func guessDelimiter(text []byte) rune {
	line := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		line = text[:i]
	}
	best, n := ',', bytes.Count(line, []byte(","))
	for _, d := range []rune{'\t', ';'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	s.num++
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			e := fileError("CSV 文件第 %d 行格式有误（引号不配对等），请用 Excel 打开后另存为 .xlsx 再上传", pe.StartLine)
			e.Err = err
			return 0, nil, e
		}
		return 0, nil, corrupt(err)
	}
	return s.num, rec, nil
}

func (s *csvSource) close() error { return nil }
