package web

import "unicode/utf8"

// The fixed parts of the one-sheet workbook WriteXLSX writes.

const (
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT    = "http://schemas.openxmlformats.org/package/2006/content-types"
	ctMain  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

type xlsxPart struct{ name, body string }

// xlsxParts are every part but the sheet: content types, relationships,
// the workbook naming the sheet, and the styles (1: the bold, filled,
// centred header; 2: text, number format 49 "@").
func xlsxParts(sheet string) []xlsxPart {
	var name []byte
	name = appendXMLText(name, sheetName(sheet), true)
	return []xlsxPart{
		{"[Content_Types].xml", xmlHead + `<Types xmlns="` + nsCT + `"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="` + ctMain + `sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="` + ctMain + `worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="` + ctMain + `styles+xml"/></Types>`},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", xmlHead + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView/></bookViews>` +
			`<sheets><sheet name="` + string(name) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xmlHead + `<Relationships xmlns="` + nsPkg + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + nsRel + `/styles" Target="styles.xml"/></Relationships>`},
		{"xl/styles.xml", xmlHead + `<styleSheet xmlns="` + nsMain + `">` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
			`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
			`<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
			`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>` +
			`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`},
	}
}

// sheetName is s as Excel accepts a sheet's name: at most 31 characters,
// none of : \ / ? * [ ].
func sheetName(s string) string {
	var out []rune
	for _, r := range s {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		if len(out) == 31 {
			break
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return "Sheet1"
	}
	return string(out)
}

// maxCellChars is the most characters a cell holds in Excel.
const maxCellChars = 32767

// writeXMLText writes s escaped as XML character data, without the
// characters XML 1.0 cannot carry, cut at maxCellChars.
func writeXMLText(x xmlWriter, s string) {
	var buf [256]byte
	x.raw(appendXMLText(buf[:0], s, false))
}

// appendXMLText appends s escaped (quotes too when attr), dropping
// invalid UTF-8 and the control characters XML 1.0 forbids.
func appendXMLText(b []byte, s string, attr bool) []byte {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if n++; n > maxCellChars {
			break
		}
		switch {
		case r == utf8.RuneError && size == 1:
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"' && attr:
			b = append(b, "&quot;"...)
		case r == '\r':
			b = append(b, "&#13;"...) // kept: a parser would fold a bare CR into LF
		case r < 0x20 && r != '\t' && r != '\n', r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
