package exchange

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"jiaoyan/internal/app"
)

// XLSX is a workbook opened for streaming: its sheets are read row by row
// straight from the compressed parts, so memory depends on the widest row and
// the shared-string table, not on the number of rows. Nothing is evaluated;
// a formula cell yields its stored result.
//
// Before anything is inflated, the zip directory is checked against the
// limits (total and per-part uncompressed size, number of parts); a part that
// inflates to more than it declared is refused while it is read.
type XLSX struct {
	zr       *zip.Reader
	file     *os.File // set when opened by path
	lim      Limits
	parts    map[string]*zip.File // by lower-case name
	sheets   []XLSXSheet
	date1904 bool
	sstPart  string
	sst      *sharedStrings

	stylesPart string
	dates      dateStyle // loaded on the first DatesAsText
}

// XLSXSheet is one sheet of a workbook, in tab order.
type XLSXSheet struct {
	Name   string
	Hidden bool // hidden or very hidden in Excel
	part   string
}

// OpenXLSX opens the workbook in r (size bytes). Zero fields of lim take
// DefaultLimits. Errors are *app.Error with a Chinese message: EINVALID for
// a file that is not a readable workbook, ETOOLARGE for one over the limits.
func OpenXLSX(r io.ReaderAt, size int64, lim Limits) (*XLSX, error) {
	lim = lim.WithDefaults()
	if size > lim.MaxFileBytes {
		return nil, tooLarge("文件大小 %.1f MB，超过 %d MB 的上限，请拆分后分批导入", float64(size)/(1<<20), lim.MaxFileBytes>>20)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fileError(msgCorrupt)
	}
	if len(zr.File) > maxZipEntries {
		return nil, tooLarge("文件内部结构异常（包含 %d 个部件），不是正常的 Excel 文件", len(zr.File))
	}
	if err := checkUnzipSizes(zr, lim); err != nil {
		return nil, err
	}
	x := &XLSX{zr: zr, lim: lim, parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		if k := strings.ToLower(f.Name); x.parts[k] == nil {
			x.parts[k] = f
		}
	}
	if err := x.readWorkbook(); err != nil {
		return nil, err
	}
	return x, nil
}

// OpenXLSXFile opens the workbook at path; Close closes the file.
func OpenXLSXFile(name string, lim Limits) (*XLSX, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError("无法打开文件 %s", path.Base(name))
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, corrupt(err)
	}
	x, err := OpenXLSX(f, st.Size(), lim)
	if err != nil {
		f.Close()
		return nil, err
	}
	x.file = f
	return x, nil
}

// Sheets returns every sheet in tab order, hidden ones included.
func (x *XLSX) Sheets() []XLSXSheet { return x.sheets }

// Date1904 reports whether the workbook counts dates from 1904 (old Mac Excel).
func (x *XLSX) Date1904() bool { return x.date1904 }

// Close releases the file opened by OpenXLSXFile; it is a no-op otherwise.
func (x *XLSX) Close() error {
	if x.file != nil {
		err := x.file.Close()
		x.file = nil
		return err
	}
	return nil
}

// Relationship types end the same way in transitional and strict OOXML.
const (
	relOfficeDocument = "/officeDocument"
	relSharedStrings  = "/sharedStrings"
	relStyles         = "/styles"
)

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		ID    string `xml:"id,attr"` // r:id
	} `xml:"sheets>sheet"`
}

// readWorkbook finds the workbook part (through _rels/.rels, else
// xl/workbook.xml), its sheets and their parts, and the shared strings.
func (x *XLSX) readWorkbook() error {
	wbPart := "xl/workbook.xml"
	var root xmlRels
	if x.decode("_rels/.rels", &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, relOfficeDocument) && r.Mode != "External" {
				wbPart = resolvePart("", r.Target)
			}
		}
	}
	if x.part(wbPart) == nil {
		if err := checkWorkbookParts(x.zr); err != nil {
			return err
		}
		return fileError(msgCorrupt)
	}
	var wb xmlWorkbook
	if err := x.decode(wbPart, &wb); err != nil {
		return corrupt(err)
	}
	x.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	dir := path.Dir(wbPart)
	relsPart := path.Join(dir, "_rels", path.Base(wbPart)+".rels")
	var rels xmlRels
	if err := x.decode(relsPart, &rels); err != nil && x.part(relsPart) != nil {
		return corrupt(err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if r.Mode == "External" {
			continue
		}
		targets[r.ID] = resolvePart(dir, r.Target)
		if strings.HasSuffix(r.Type, relSharedStrings) {
			x.sstPart = resolvePart(dir, r.Target)
		}
		if strings.HasSuffix(r.Type, relStyles) {
			x.stylesPart = resolvePart(dir, r.Target)
		}
	}
	if x.stylesPart == "" {
		x.stylesPart = path.Join(dir, "styles.xml")
	}
	if x.sstPart == "" && x.part(path.Join(dir, "sharedStrings.xml")) != nil {
		x.sstPart = path.Join(dir, "sharedStrings.xml")
	}
	for i, s := range wb.Sheets {
		p := targets[s.ID]
		if p == "" {
			p = path.Join(dir, fmt.Sprintf("worksheets/sheet%d.xml", i+1))
		}
		x.sheets = append(x.sheets, XLSXSheet{Name: s.Name, Hidden: s.State == "hidden" || s.State == "veryHidden", part: p})
	}
	return nil
}

// resolvePart resolves a relationship target against the folder of the
// part that holds the relationship.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return path.Clean(strings.TrimPrefix(target, "/"))
	}
	return path.Clean(path.Join(dir, target))
}

func (x *XLSX) part(name string) *zip.File { return x.parts[strings.ToLower(name)] }

// decode unmarshals a small XML part (the workbook and its relationships).
func (x *XLSX) decode(name string, v any) error {
	rc, err := x.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 8<<20)).Decode(v)
}

var errNoPart = errors.New("part not found")

// open starts inflating a part, refusing it once it yields more bytes than
// the per-part limit or than its declared size.
func (x *XLSX) open(name string) (io.ReadCloser, error) {
	f := x.part(name)
	if f == nil {
		return nil, errNoPart
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	limit := min(int64(f.UncompressedSize64), x.lim.UnzipXMLSizeLimit)
	return &boundedPart{rc: rc, left: limit, lim: x.lim}, nil
}

// msgLyingSize refuses a part that inflates to more than it declared.
const msgLyingSize = "文件解压后的实际大小超过了文件内声明的大小（或 %d MB 的上限），可能是恶意构造的压缩文件，已拒绝读取"

// boundedPart is an inflating part reader that stops a zip bomb whose
// directory lies about the sizes.
type boundedPart struct {
	rc   io.ReadCloser
	left int64
	lim  Limits
}

func (b *boundedPart) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	// archive/zip reports ErrFormat when a part inflates past its declared size
	if b.left < 0 || errors.Is(err, zip.ErrFormat) {
		return 0, tooLarge(msgLyingSize, b.lim.UnzipXMLSizeLimit>>20)
	}
	if errors.Is(err, zip.ErrChecksum) {
		return n, corrupt(err)
	}
	return n, err
}

func (b *boundedPart) Close() error { return b.rc.Close() }

// sheetByName returns the sheet with the given name.
func (x *XLSX) sheetByName(name string) (XLSXSheet, bool) {
	for _, s := range x.sheets {
		if s.Name == name {
			return s, true
		}
	}
	return XLSXSheet{}, false
}

// Rows opens the named sheet for reading row by row. The caller must Close
// it. The shared-string table is read once, on the first call. Dates are
// the serial numbers stored in the file unless opts has DatesAsText.
func (x *XLSX) Rows(sheet string, opts ...RowsOption) (*XLSXRows, error) {
	s, ok := x.sheetByName(sheet)
	if !ok {
		return nil, fileError("文件中没有名为“%s”的工作表", sheet)
	}
	if err := x.loadSST(); err != nil {
		return nil, err
	}
	rc, err := x.open(s.part)
	if errors.Is(err, errNoPart) {
		return &XLSXRows{done: true}, nil // a sheet without a part is empty
	}
	if err != nil {
		return nil, corrupt(err)
	}
	r := &XLSXRows{rc: rc, sc: newXMLScan(rc), sst: x.sst, date1904: x.date1904}
	for _, o := range opts {
		if o == DatesAsText {
			r.dates = x.loadDateStyles()
		}
	}
	return r, nil
}

func (x *XLSX) loadSST() error {
	if x.sst != nil {
		return nil
	}
	x.sst = &sharedStrings{}
	if x.sstPart == "" || x.part(x.sstPart) == nil {
		return nil
	}
	rc, err := x.open(x.sstPart)
	if err != nil {
		return corrupt(err)
	}
	defer rc.Close()
	if err := x.sst.read(newXMLScan(rc), int64(x.part(x.sstPart).UncompressedSize64)); err != nil {
		return partError(err)
	}
	return nil
}

// partError keeps the user-facing errors of boundedPart and turns anything
// else into the corrupt-file message.
func partError(err error) error {
	var ae *app.Error
	if errors.As(err, &ae) {
		return ae
	}
	return corrupt(err)
}
