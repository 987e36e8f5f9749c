package analysis

import (
	"bytes"
	"io"
)

// csvScanner is a byte-level CSV reader (RFC 4180: comma separator, double
// quotes with "" escapes, CRLF or LF line ends, quoted newlines). It keeps one
// growing buffer and returns fields that slice into it, so a record costs no
// allocation unless it contains an escaped quote.
type csvScanner struct {
	r          io.Reader
	closer     io.Closer
	buf        []byte
	start, end int
	eof        bool
	fields     [][]byte
	scratch    []byte
	record     int
	size       int64 // file size in bytes when known, for estimates
	raw        bool  // nextLine mode: leave plain lines unsplit
	lineOut    bool  // the last record was left unsplit in line
	line       []byte
}

func newCSVScanner(r io.Reader, closer io.Closer) *csvScanner {
	return &csvScanner{r: r, closer: closer, buf: make([]byte, 1<<20)}
}

// estimateRecords guesses how many records remain from the line density of
// the buffered input and the file size; 0 when unknown.
func (s *csvScanner) estimateRecords() int {
	data := s.buf[s.start:s.end]
	if s.size <= 0 || len(data) == 0 {
		return 0
	}
	lines := bytes.Count(data, []byte{'\n'})
	return int(float64(lines) * float64(s.size) / float64(len(data)))
}

// Record returns the 1-based number of the record last returned.
func (s *csvScanner) Record() int { return s.record }

// Close closes the underlying file, if any.
func (s *csvScanner) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// Next returns the next non-empty record, or io.EOF.
func (s *csvScanner) Next() ([][]byte, error) {
	s.raw = false
	return s.next()
}

// nextLine is Next for callers that split plain lines themselves: a record
// without quotes comes back as its line (without the line end) and nil
// fields; a quoted record comes back as fields.
func (s *csvScanner) nextLine() ([]byte, [][]byte, error) {
	s.raw = true
	rec, err := s.next()
	if err != nil || rec != nil {
		return nil, rec, err
	}
	return s.line, nil, nil
}

func (s *csvScanner) next() ([][]byte, error) {
	for {
		n, ok := s.parse(s.buf[s.start:s.end], s.eof)
		if ok {
			s.start += n
			s.record++
			if s.lineOut {
				if len(s.line) == 0 {
					continue
				}
				return nil, nil
			}
			if len(s.fields) == 1 && len(s.fields[0]) == 0 {
				continue // blank line
			}
			return s.fields, nil
		}
		if s.eof {
			return nil, io.EOF
		}
		if err := s.fill(); err != nil {
			return nil, err
		}
	}
}

// fill moves unread bytes to the front of the buffer, grows it when one record
// fills it, and reads more.
func (s *csvScanner) fill() error {
	if s.start > 0 {
		copy(s.buf, s.buf[s.start:s.end])
		s.end -= s.start
		s.start = 0
	}
	if s.end == len(s.buf) {
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := io.ReadAtLeast(s.r, s.buf[s.end:], 1)
	s.end += n
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		s.eof = true
		return nil
	}
	return err
}

// parse splits one record from data. It returns the bytes consumed and false
// when data holds no complete record and more input may follow.
func (s *csvScanner) parse(data []byte, atEOF bool) (int, bool) {
	if len(data) == 0 {
		return 0, false
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 && !atEOF {
		return 0, false
	}
	line := data
	consumed := len(data)
	if nl >= 0 {
		line = data[:nl]
		consumed = nl + 1
	}
	if bytes.IndexByte(line, '"') >= 0 {
		s.lineOut = false
		return s.parseQuoted(data, atEOF)
	}
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	s.lineOut = s.raw
	if s.raw {
		s.line = line
		return consumed, true
	}
	s.splitPlain(line)
	return consumed, true
}

// splitPlain splits a line without quotes at commas.
func (s *csvScanner) splitPlain(line []byte) {
	f := s.fields[:0]
	from := 0
	for i, c := range line {
		if c == ',' {
			f = append(f, line[from:i])
			from = i + 1
		}
	}
	s.fields = append(f, line[from:])
}

// parseQuoted is the slow path for records with quotes; unescaped field text
// is copied into scratch.
func (s *csvScanner) parseQuoted(data []byte, atEOF bool) (int, bool) {
	s.fields = s.fields[:0]
	s.scratch = s.scratch[:0]
	i := 0
	for {
		if i < len(data) && data[i] == '"' {
			from := len(s.scratch)
			j, ok := s.quotedField(data, i+1, atEOF)
			if !ok {
				if atEOF {
					return s.endField(data, len(data), from)
				}
				return 0, false
			}
			i = j
			// text after the closing quote up to the separator is kept verbatim
			for i < len(data) && data[i] != ',' && data[i] != '\n' && data[i] != '\r' {
				s.scratch = append(s.scratch, data[i])
				i++
			}
			s.fields = append(s.fields, s.scratch[from:len(s.scratch):len(s.scratch)])
		} else {
			j := i
			for j < len(data) && data[j] != ',' && data[j] != '\n' {
				j++
			}
			if j == len(data) && !atEOF {
				return 0, false
			}
			fld := data[i:j]
			if j < len(data) && data[j] == '\n' && len(fld) > 0 && fld[len(fld)-1] == '\r' {
				fld = fld[:len(fld)-1]
			}
			s.fields = append(s.fields, fld)
			i = j
		}
		if i >= len(data) {
			if !atEOF {
				return 0, false
			}
			return i, true
		}
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		if data[i] == '\n' {
			return i + 1, true
		}
		if data[i] == '\r' {
			if i+1 == len(data) && !atEOF {
				return 0, false
			}
			return i + 1, true
		}
		i++ // comma
	}
}

// quotedField copies the body of a quoted field starting after its opening
// quote into scratch and returns the index after the closing quote.
func (s *csvScanner) quotedField(data []byte, i int, atEOF bool) (int, bool) {
	for i < len(data) {
		c := data[i]
		if c != '"' {
			s.scratch = append(s.scratch, c)
			i++
			continue
		}
		if i+1 >= len(data) {
			return i + 1, atEOF // a closing quote, or the first half of ""
		}
		if data[i+1] == '"' {
			s.scratch = append(s.scratch, '"')
			i += 2
			continue
		}
		return i + 1, true
	}
	return i, false
}

// endField closes an unterminated quoted field at end of input, keeping its text.
func (s *csvScanner) endField(data []byte, i, from int) (int, bool) {
	s.fields = append(s.fields, s.scratch[from:])
	return i, true
}
