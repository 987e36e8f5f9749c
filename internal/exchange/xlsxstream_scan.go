package exchange

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScan is a forward-only byte scanner over one XML part of a workbook. It
// understands exactly what a worksheet or shared-string table needs: start,
// end and empty-element tags with attributes, character data with the five
// named entities, numeric character references and CDATA sections, and it
// skips comments, processing instructions and declarations. It does not
// validate the document; malformed input yields errBadXML, never a panic.
//
// Slices returned by tag and attr point into the scanner's buffer and are
// valid only until the next call that reads.
type xmlScan struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error // read error other than io.EOF
	maxBuf   int   // the buffer grows up to this size for one huge tag
	read     int64 // bytes read from r so far

	// the last tag read
	name  []byte // local name (prefix removed), without the leading '/'
	close bool   // an end tag </name>
	empty bool   // an empty-element tag <name/>
	attrs [][2][]byte
}

var errBadXML = errors.New("malformed XML")

const (
	scanBufSize = 128 << 10
	scanMaxBuf  = 8 << 20 // the largest single tag accepted
)

func newXMLScan(r io.Reader) *xmlScan {
	return &xmlScan{r: r, buf: make([]byte, scanBufSize), maxBuf: scanMaxBuf}
}

// fill moves the unread bytes to the front of the buffer and reads more,
// growing the buffer when it is full. It reports whether new bytes arrived.
func (s *xmlScan) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxBuf {
			s.err = errBadXML
			return false
		}
		nb := make([]byte, min(2*len(s.buf), s.maxBuf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read += int64(n)
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.err = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// failure is the error to return when the scanner stops: a read error, or
// errBadXML for a document that ends in the middle of something.
func (s *xmlScan) failure() error {
	if s.err != nil {
		return s.err
	}
	return errBadXML
}

// next reads up to and including the next element tag, skipping character
// data, comments, processing instructions and declarations. It returns
// io.EOF at the end of the document.
func (s *xmlScan) next() error {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if !s.fill() {
				if s.err != nil {
					return s.err
				}
				return io.EOF
			}
			continue
		}
		s.pos += i
		ok, err := s.tag()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
}

// tag parses the markup at s.pos (a '<'). It returns false for markup that
// is not an element tag (comment, PI, declaration, CDATA outside text),
// which it skips.
func (s *xmlScan) tag() (bool, error) {
	for {
		n, ok, complete := s.parseTag(s.buf[s.pos:s.end])
		if complete {
			s.pos += n
			return ok, nil
		}
		if n < 0 {
			return false, errBadXML
		}
		if !s.fill() {
			return false, s.failure()
		}
	}
}

// parseTag parses one piece of markup at the start of b. complete is false
// when b ends before the markup does (n is then -1 if it can never be
// valid). ok is false for markup other than an element tag.
func (s *xmlScan) parseTag(b []byte) (n int, ok, complete bool) {
	if len(b) < 2 {
		return 0, false, false
	}
	switch b[1] {
	case '?':
		return skipUntil(b, "?>")
	case '!':
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			return skipUntil(b, "-->")
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			return skipUntil(b, "]]>")
		case len(b) < 9:
			return 0, false, false
		}
		return skipUntil(b, ">")
	}
	i := 1
	s.close = b[1] == '/'
	if s.close {
		i = 2
	}
	start := i
	for i < len(b) && isNameByte(b[i]) {
		i++
	}
	if i == len(b) {
		return 0, false, false
	}
	if i == start {
		return -1, false, false
	}
	s.name = xmlLocal(b[start:i])
	s.empty = false
	s.attrs = s.attrs[:0]
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, false, false
		}
		switch b[i] {
		case '>':
			return i + 1, true, true
		case '/':
			if i+1 == len(b) {
				return 0, false, false
			}
			if b[i+1] != '>' || s.close {
				return -1, false, false
			}
			s.empty = true
			return i + 2, true, true
		}
		if s.close {
			return -1, false, false
		}
		a := i
		for i < len(b) && isNameByte(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, false, false
		}
		if i == a {
			return -1, false, false
		}
		key := b[a:i]
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i+1 >= len(b) {
			return 0, false, false
		}
		if b[i] != '=' {
			return -1, false, false
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return 0, false, false
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return -1, false, false
		}
		j := bytes.IndexByte(b[i+1:], q)
		if j < 0 {
			return 0, false, false
		}
		s.attrs = append(s.attrs, [2][]byte{key, b[i+1 : i+1+j]})
		i += j + 2
	}
}

// skipUntil returns the length of b up to and including the first end.
func skipUntil(b []byte, end string) (int, bool, bool) {
	i := bytes.Index(b[2:], []byte(end))
	if i < 0 {
		return 0, false, false
	}
	return i + 2 + len(end), false, true
}

// xmlLocal strips a namespace prefix ("x:row" → "row").
func xmlLocal(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

var nameC = []byte("c")

// fastCellTag reads, when the buffer starts with one, a cell start tag of
// the common form <c r="B2" s="1" t="s"> (no prefix, lower-case attribute
// names, double quotes, single spaces) with less work than next. It reports
// false, having read nothing, for anything else.
func (s *xmlScan) fastCellTag() bool {
	b := s.buf[s.pos:s.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'c' || b[2] != ' ' {
		return false
	}
	s.attrs = s.attrs[:0]
	for i := 2; i < len(b); {
		switch b[i] {
		case '>':
			s.name, s.close, s.empty = nameC, false, false
			s.pos += i + 1
			return true
		case '/':
			if i+1 == len(b) || b[i+1] != '>' {
				return false
			}
			s.name, s.close, s.empty = nameC, false, true
			s.pos += i + 2
			return true
		case ' ':
			i++
			a := i
			for i < len(b) && b[i] >= 'a' && b[i] <= 'z' {
				i++
			}
			if i == a || i+1 >= len(b) || b[i] != '=' || b[i+1] != '"' {
				return false
			}
			j := bytes.IndexByte(b[i+2:], '"')
			if j < 0 {
				return false
			}
			s.attrs = append(s.attrs, [2][]byte{b[a:i], b[i+2 : i+2+j]})
			i += j + 3
		default:
			return false
		}
	}
	return false
}

// attr returns the raw value of the tag's attribute with the given local name.
func (s *xmlScan) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(xmlLocal(a[0])) == name {
			return a[1], true
		}
	}
	return nil, false
}

// is reports whether the last tag has the given local name.
func (s *xmlScan) is(name string) bool { return string(s.name) == name }

// text appends the character data from s.pos up to the next element tag to
// dst, decoding entities and CDATA sections and turning "\r\n" and "\r" into
// "\n" as an XML parser must. Comments and processing instructions inside
// the text are dropped. It stops before the '<' of the next tag.
func (s *xmlScan) text(dst []byte) ([]byte, error) {
	for {
		b := s.buf[s.pos:s.end]
		i := 0
		for i < len(b) && b[i] != '<' && b[i] != '&' && b[i] != '\r' {
			i++
		}
		dst = append(dst, b[:i]...)
		s.pos += i
		if i == len(b) {
			if !s.fill() {
				return dst, s.failure()
			}
			continue
		}
		var ok bool
		var err error
		switch b[i] {
		case '<':
			dst, ok, err = s.markupInText(dst)
			if err != nil || !ok {
				return dst, err
			}
		case '&':
			dst, err = s.entity(dst)
			if err != nil {
				return dst, err
			}
		case '\r':
			if s.pos+1 == s.end && s.fill() {
				continue
			}
			dst = append(dst, '\n')
			s.pos++
			if s.pos < s.end && s.buf[s.pos] == '\n' {
				s.pos++
			}
		}
	}
}

// markupInText handles a '<' met in text: a CDATA section is appended and
// text goes on (ok), a comment or PI is skipped (ok), a tag ends the text.
func (s *xmlScan) markupInText(dst []byte) ([]byte, bool, error) {
	for s.end-s.pos < 9 && s.fill() {
	}
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		for {
			b = s.buf[s.pos:s.end]
			if i := bytes.Index(b[9:], []byte("]]>")); i >= 0 {
				dst = append(dst, b[9:9+i]...)
				s.pos += 9 + i + 3
				return dst, true, nil
			}
			if !s.fill() {
				return dst, false, s.failure()
			}
		}
	case bytes.HasPrefix(b, []byte("<!--")), bytes.HasPrefix(b, []byte("<?")):
		_, err := s.tag()
		return dst, err == nil, err
	}
	return dst, false, nil
}

// entity decodes the reference at s.pos ('&').
func (s *xmlScan) entity(dst []byte) ([]byte, error) {
	for {
		b := s.buf[s.pos:s.end]
		j := bytes.IndexByte(b[:min(len(b), 12)], ';')
		if j < 0 {
			if len(b) < 12 && s.fill() {
				continue
			}
			return dst, errBadXML
		}
		out, ok := decodeEntity(dst, b[1:j])
		if !ok {
			return dst, errBadXML
		}
		s.pos += j + 1
		return out, nil
	}
}

func decodeEntity(dst, name []byte) ([]byte, bool) {
	switch string(name) {
	case "lt":
		return append(dst, '<'), true
	case "gt":
		return append(dst, '>'), true
	case "amp":
		return append(dst, '&'), true
	case "quot":
		return append(dst, '"'), true
	case "apos":
		return append(dst, '\''), true
	}
	if len(name) < 2 || name[0] != '#' {
		return dst, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !utf8.ValidRune(rune(n)) || n == 0 {
		return dst, false
	}
	return utf8.AppendRune(dst, rune(n)), true
}

// skipElement reads past the end of the element whose start tag was just
// read (nothing to do for an empty-element tag).
func (s *xmlScan) skipElement() error {
	if s.empty {
		return nil
	}
	for depth := 1; ; {
		if err := s.next(); err != nil {
			return eofIsBad(err)
		}
		switch {
		case s.close:
			depth--
			if depth == 0 {
				return nil
			}
		case !s.empty:
			depth++
		}
	}
}

// eofIsBad turns an end of document in the middle of an element into errBadXML.
func eofIsBad(err error) error {
	if err == io.EOF {
		return errBadXML
	}
	return err
}

// richText appends the text of the element just opened (a shared string
// <si> or an inline string <is>): the <t> of the element itself and of its
// runs <r>, leaving out phonetic runs <rPh>, then decodes the _xHHHH_ escapes
// Excel uses for characters XML cannot hold.
func (s *xmlScan) richText(dst []byte) ([]byte, error) {
	if s.empty {
		return dst, nil
	}
	from := len(dst)
	for depth := 1; ; {
		if err := s.next(); err != nil {
			return dst, eofIsBad(err)
		}
		switch {
		case s.close:
			depth--
			if depth == 0 {
				return decodeBSTR(dst, from), nil
			}
		case s.is("rPh") || s.is("phoneticPr") || s.is("rPr"):
			if err := s.skipElement(); err != nil {
				return dst, err
			}
		case s.is("t"):
			if s.empty {
				continue
			}
			var err error
			if dst, err = s.text(dst); err != nil {
				return dst, eofIsBad(err)
			}
			if err := s.next(); err != nil || !s.close || !s.is("t") {
				return dst, errBadXML
			}
		case !s.empty:
			depth++
		}
	}
}

// decodeBSTR decodes, in place from dst[from:], the escapes _xHHHH_ (a UTF-16
// code unit) and _x005F_ (a literal underscore) the way excelize does.
func decodeBSTR(dst []byte, from int) []byte {
	if !bytes.Contains(dst[from:], []byte("_x")) {
		return dst
	}
	src := string(dst[from:])
	out := dst[:from]
	for i := 0; i < len(src); {
		if i+7 <= len(src) && src[i] == '_' && src[i+1] == 'x' && src[i+6] == '_' && isHex4(src[i+2:i+6]) {
			n, _ := strconv.ParseUint(src[i+2:i+6], 16, 16)
			switch {
			case src[i:i+7] == "_x005F_":
				out = append(out, '_')
			case n < 0xD800 || n > 0xDFFF: // a lone surrogate half is dropped, as excelize does
				out = utf8.AppendRune(out, rune(n))
			}
			i += 7
			continue
		}
		out = append(out, src[i])
		i++
	}
	return out
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
