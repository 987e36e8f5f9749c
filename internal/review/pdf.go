package review

import (
	"bytes"
	"fmt"
	"unicode/utf16"
)

// PDFLine is one line of text on a page: position in points from the
// bottom left, font size, and the text.
type PDFLine struct {
	X, Y, Size float64
	Text       string
}

// WritePDF renders one landscape A4 page of text lines in the standard
// CJK font STSong-Light (Type0 over CIDFontType0, encoding UniGB-UCS2-H),
// not embedded: PDF viewers supply it. Text is written as UTF-16BE hex
// strings; characters outside the Basic Multilingual Plane become "?".
func WritePDF(lines []PDFLine) []byte {
	var content bytes.Buffer
	for _, l := range lines {
		fmt.Fprintf(&content, "BT /F1 %.1f Tf %.1f %.1f Td <%s> Tj ET\n", l.Size, l.X, l.Y, utf16Hex(l.Text))
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>",
		"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}

func utf16Hex(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&b, "%04X", u)
		}
	}
	return b.String()
}
