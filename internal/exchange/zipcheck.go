package exchange

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// maxZipEntries bounds the parts of an .xlsx; real workbooks have dozens.
const maxZipEntries = 10_000

// msgCorrupt is shown for any file whose zip structure cannot be read.
const msgCorrupt = "文件不完整或已损坏，无法读取；请用 Excel 打开后重新保存为 .xlsx 再上传"

// checkZip opens data as a zip archive and refuses it, before decompressing
// anything, when its central directory declares more than the limits allow,
// when it is not a workbook, or when a worksheet has more rows than allowed.
// archive/zip refuses to inflate a part beyond its declared size, so the
// declared sizes bound the real work.
func checkZip(data []byte, lim Limits) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileError(msgCorrupt)
	}
	if len(zr.File) > maxZipEntries {
		return tooLarge("文件内部结构异常（包含 %d 个部件），不是正常的 Excel 文件", len(zr.File))
	}
	if err := checkUnzipSizes(zr, lim); err != nil {
		return err
	}
	if err := checkWorkbookParts(zr); err != nil {
		return err
	}
	return checkSheetRows(zr, lim)
}

func checkUnzipSizes(zr *zip.Reader, lim Limits) error {
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(lim.UnzipXMLSizeLimit) {
			return tooLarge("文件解压后单个部件超过 %d MB，可能不是正常的 Excel 文件；如确为大表，请拆分后分批导入", lim.UnzipXMLSizeLimit>>20)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.UnzipSizeLimit) {
			return tooLarge("文件解压后超过 %d MB，可能不是正常的 Excel 文件；如确为大表，请拆分后分批导入", lim.UnzipSizeLimit>>20)
		}
	}
	return nil
}

// checkWorkbookParts tells a workbook from other zip files, naming the
// common mistakes (a Word or PowerPoint file, a plain zip).
func checkWorkbookParts(zr *zip.Reader) error {
	has := func(prefix string) bool {
		for _, f := range zr.File {
			if strings.HasPrefix(strings.ToLower(f.Name), prefix) {
				return true
			}
		}
		return false
	}
	switch {
	case has("xl/workbook.xml") && has("xl/worksheets/"):
		return nil
	case has("word/"):
		return fileError("这是 Word 文档，不是 Excel 表格；请上传 .xlsx 文件")
	case has("ppt/"):
		return fileError("这是 PowerPoint 文件，不是 Excel 表格；请上传 .xlsx 文件")
	case has("xl/workbook.bin"):
		return fileError("这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx 后重新上传")
	}
	return fileError("文件内容不是 Excel 表格（可能是压缩包或改了扩展名的其他文件），请上传 .xlsx 文件")
}

// checkSheetRows counts <row> elements in every worksheet large enough to
// hold more than lim.MaxRows rows, stopping as soon as the count passes
// twice the limit (empty formatted rows are counted too, hence the margin;
// the streaming reader enforces the exact limit on rows with data).
func checkSheetRows(zr *zip.Reader, lim Limits) error {
	stop := 2*lim.MaxRows + 1000
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if !strings.HasPrefix(name, "xl/worksheets/") || f.UncompressedSize64 < uint64(6*stop) {
			continue
		}
		n, err := countRows(f, stop)
		if err != nil {
			return fileError(msgCorrupt)
		}
		if n >= stop {
			return tooLarge(msgTooManyRows, lim.MaxRows)
		}
	}
	return nil
}

const msgTooManyRows = "表格超过 %d 行的上限，请拆分成多个文件分批导入"

// countRows counts row start tags in a worksheet part, up to stop.
func countRows(f *zip.File, stop int) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	carry := 0
	n := 0
	for n < stop {
		m, err := rc.Read(buf[carry:])
		chunk := buf[:carry+m]
		n += countRowTags(chunk, carry)
		carry = copy(buf, chunk[max(0, len(chunk)-32):])
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// countRowTags counts "<row" or "<x:row" start tags in b. The first from
// bytes of b were carried over from the previous chunk: a tag is counted in
// the chunk where the byte ending its name lies at or after from, so a tag
// split across chunks is counted exactly once.
func countRowTags(b []byte, from int) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("row"))
		if j < 0 {
			return n
		}
		k := i + j
		i = k + 3
		if k == 0 || i >= len(b) || i < from || (b[k-1] != '<' && b[k-1] != ':') {
			continue
		}
		switch b[i] {
		case ' ', '>', '/', '\t', '\n', '\r':
			if b[k-1] == '<' || isPrefixedStart(b, k-1) {
				n++
			}
		}
	}
}

// isPrefixedStart reports whether the ':' at b[colon] ends the namespace
// prefix of a start tag ("<x:row", not "</x:row" or an attribute).
func isPrefixedStart(b []byte, colon int) bool {
	for j := colon - 1; j >= 0 && j >= colon-16; j-- {
		switch c := b[j]; {
		case c == '<':
			return j < colon-1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return false
}
