package dict

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Tables lists the tables in display order.
func Tables() []TableInfo {
	out := make([]TableInfo, 0, len(tableDefs))
	for _, d := range tableDefs {
		out = append(out, loaded()[d.Name].info)
	}
	return out
}

// Entries returns a copy of a table's entries in their shipped order, or nil
// for an unknown table.
func Entries(table string) []Entry {
	t, ok := loaded()[table]
	if !ok {
		return nil
	}
	return cloneEntries(t.entries)
}

// Names returns the names of a table's entries in order, e.g. for the
// dropdown of an import template.
func Names(table string) []string {
	var out []string
	for _, e := range Entries(table) {
		out = append(out, e.Name)
	}
	return out
}

// Children returns the entries whose parent is the given code ("" for the
// top level: provinces, subject groups ...).
func Children(table, parent string) []Entry {
	t, ok := loaded()[table]
	if !ok {
		return nil
	}
	var out []Entry
	for _, e := range t.entries {
		if e.Parent == parent {
			out = append(out, e)
		}
	}
	return cloneEntries(out)
}

// Lookup finds the entry that input names: its code, its name or one of its
// aliases, compared without regard to width, spaces or letter case. In
// tables with fixed-width numeric codes, leading zeros that Excel dropped are
// restored ("1" finds "01"). Codes win over names, names over aliases; an
// input that names two entries at the same level (e.g. the region "朝阳区")
// is not found.
func Lookup(table, input string) (Entry, bool) {
	t, ok := loaded()[table]
	key := fold(input)
	if !ok || key == "" {
		return Entry{}, false
	}
	if i, ok := t.byCode[t.padCode(key)]; ok {
		return t.entry(i), true
	}
	for _, idx := range [][]int{t.byName[key], t.byAlias[key]} {
		if len(idx) == 1 {
			return t.entry(idx[0]), true
		}
		if len(idx) > 1 {
			return Entry{}, false
		}
	}
	return Entry{}, false
}

// ByCode returns the entry with exactly this code.
func ByCode(table, code string) (Entry, bool) {
	t, ok := loaded()[table]
	if !ok {
		return Entry{}, false
	}
	i, ok := t.byCode[fold(code)]
	if !ok {
		return Entry{}, false
	}
	return t.entry(i), true
}

func (t *table) entry(i int) Entry { return cloneEntries(t.entries[i : i+1])[0] }

// padCode left-pads an all-digit key to the table's code width.
func (t *table) padCode(key string) string {
	if t.width > len(key) && digits(key) {
		return strings.Repeat("0", t.width-len(key)) + key
	}
	return key
}

func cloneEntries(es []Entry) []Entry {
	out := slices.Clone(es)
	for i := range out {
		out[i].Aliases = slices.Clone(out[i].Aliases)
		out[i].Stages = slices.Clone(out[i].Stages)
	}
	return out
}

// fold is the comparison form of an input: width-folded, without spaces or
// zero-width characters, lower case.
func fold(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Path returns the entry with the given code and its ancestors, root first
// (广东省, 广州市, 天河区 for 440106), or nil if the code is unknown.
func Path(table, code string) []Entry {
	t, ok := loaded()[table]
	if !ok {
		return nil
	}
	var out []Entry
	for depth := 0; code != "" && depth < 8; depth++ {
		i, ok := t.byCode[fold(code)]
		if !ok {
			break
		}
		out = append(out, t.entry(i))
		code = t.entries[i].Parent
	}
	slices.Reverse(out)
	return out
}
