package exchange

// Kind says how a column's cells are checked and normalised on import, and
// how the template formats the column.
type Kind int

// Column kinds.
const (
	KindText    Kind = iota // free text, width-folded and trimmed
	KindID                  // 居民身份证号码: 18 characters with a valid check digit (15-digit old numbers accepted)
	KindCode                // an identifier made of digits/letters (学籍号, 工号, 学校代码): never a number
	KindDate                // a calendar date, normalised to 2006-01-02
	KindInt                 // a whole number, normalised to plain digits
	KindDecimal             // a decimal number, normalised without exponent
	KindEnum                // one of Column.Options, normalised to the option as written in Options
	KindBool                // 是/否, normalised to "是" or "否"
)

// Column describes one column of an import or template.
type Column struct {
	Key      string   // the caller's key for the value in Row.Values (English)
	Header   string   // the Chinese header written in templates, e.g. "身份证号"
	Aliases  []string // other headers people use, e.g. "身份证号码", "证件号码"
	Kind     Kind     // how cells are checked and normalised
	Required bool     // a blank cell is a row error; a missing column is a file error
	Options  []string // allowed values for KindEnum; template dropdown items
	Width    float64  // template column width in characters; 0 picks one from Kind
	Help     string   // short Chinese help shown as a note on the template header
	Month    bool     // KindDate: a year and month alone (2001.09, 2001年9月, 2001-9, 200109) is read as the 1st of that month
	Masked   bool     // KindID/KindCode: a masked value as exports write it (3303**********0015) is kept as written, unchecked

	// Resolve, when set on a KindEnum column, replaces matching against
	// Options: it maps what the user typed to the value stored in Row.Values
	// (typically a code table lookup, so that old names and aliases are
	// understood: func(s string) (string, bool) { e, ok := dict.Lookup("title", s); return e.Code, ok }).
	// Options still feed the template dropdown and the error message.
	Resolve func(input string) (value string, ok bool)
}

// Spec describes one import kind: its columns and its template.
type Spec struct {
	Name    string   // sheet name of the template, e.g. "教师名单"
	Columns []Column // in template order
	Note    string   // instruction line written above the template header

	// Mapping, when set, says which column some of the file's headers fill:
	// a header as written → Column.Key, or "" to leave that column out. It is
	// consulted before the headers and aliases, and a key it names is filled
	// only by the header mapped to it.
	Mapping map[string]string
}

// textFormatted reports whether the column must be stored as text in Excel so
// that digits are not turned into numbers.
func (c Column) textFormatted() bool {
	return c.Kind == KindID || c.Kind == KindCode || c.Kind == KindText || c.Kind == KindEnum
}

// width returns the template width of the column.
func (c Column) width() float64 {
	if c.Width > 0 {
		return c.Width
	}
	switch c.Kind {
	case KindID:
		return 22
	case KindDate, KindCode:
		return 14
	case KindInt, KindDecimal, KindBool:
		return 10
	}
	return max(12, float64(displayWidth(c.Header))+4)
}
