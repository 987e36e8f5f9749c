package db

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// PageKey is the sort key of one row of a keyset-paged list: a text part
// (e.g. the organisation path) and the row id that breaks ties. The zero
// key means "no key": the list starts at its beginning.
type PageKey struct {
	Text string
	ID   int64
}

// IsZero reports whether k is the zero key.
func (k PageKey) IsZero() bool { return k == PageKey{} }

// Encode is k as an opaque, URL-safe cursor ("" for the zero key).
func (k PageKey) Encode() string {
	if k.IsZero() {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(k.ID, 10) + "." + k.Text))
}

// ParsePageKey reads a cursor made by Encode; anything else is the zero key,
// so a damaged link shows the first page rather than an error.
func ParsePageKey(s string) PageKey {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return PageKey{}
	}
	id, text, ok := strings.Cut(string(b), ".")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		return PageKey{}
	}
	return PageKey{Text: text, ID: n}
}

// KeyRange is a range [Lo, Hi) of a list's text key; "" leaves a side open.
type KeyRange struct{ Lo, Hi string }

// KeysetWhere is the condition and arguments that admit the rows of range r
// sorting after k in the order (textCol, idCol), or before it when before is
// set; the zero k admits the whole range. The text bound is a plain range
// (both dialects seek an index on (…, textCol, idCol) to the key, rather
// than reading from the range's start), and only rows sharing k's text are
// filtered by id.
func KeysetWhere(textCol, idCol string, r KeyRange, k PageKey, before bool) (string, []any) {
	var conds []string
	var args []any
	add := func(c string, v ...any) { conds = append(conds, c); args = append(args, v...) }
	lo, hi := r.Lo, r.Hi
	switch {
	case k.IsZero():
	case before:
		if hi == "" || k.Text < hi {
			add(textCol+" <= ?", k.Text)
			hi = ""
		}
		add("("+textCol+" < ? OR "+idCol+" < ?)", k.Text, k.ID)
	default:
		lo = max(lo, k.Text)
		add("("+textCol+" > ? OR "+idCol+" > ?)", k.Text, k.ID)
	}
	if lo != "" {
		add(textCol+" >= ?", lo)
	}
	if hi != "" {
		add(textCol+" < ?", hi)
	}
	if len(conds) == 0 {
		return "(1=1)", nil
	}
	return strings.Join(conds, " AND "), args
}

// PrefixEnd is the smallest string greater than every string starting with
// prefix (byte order), so "col >= prefix AND col < PrefixEnd(prefix)" is the
// index range of "col LIKE prefix%"; "" when there is none.
func PrefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}
