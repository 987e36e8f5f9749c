package exchange

import (
	"bytes"
	"path/filepath"
	"strings"
)

type format int

const (
	formatXLSX format = iota + 1
	formatCSV
)

var (
	zipMagic = []byte("PK\x03\x04")
	emptyZip = []byte("PK\x05\x06")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptionInfo is the stream name, in UTF-16LE, that an Office
	// password-protected workbook carries inside its OLE container.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
	wordStream     = []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")
)

// sniff decides from the content, and only then from the name, how to read a
// file, and explains in Chinese why a file cannot be read at all.
func sniff(name string, data []byte) (format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return 0, fileError("文件是空的，请检查是否选错了文件")
	case bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, emptyZip):
		return formatXLSX, nil
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, encryptionInfo):
		return 0, fileError("文件设置了打开密码，请在 Excel 中取消密码后重新上传")
	case bytes.HasPrefix(data, oleMagic) && bytes.Contains(data, wordStream):
		return 0, fileError("这是 Word 文档，不是 Excel 表格；请上传 .xlsx 文件")
	case bytes.HasPrefix(data, oleMagic):
		return 0, fileError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后重新上传")
	case ext == ".csv" || ext == ".txt":
		return formatCSV, nil
	case ext == ".xlsx" || ext == ".xls" || ext == ".xlsm":
		return 0, notExcel(data)
	}
	return 0, fileError("只支持 .xlsx 和 .csv 文件，请另存为 .xlsx 后重新上传")
}

// notExcel explains a file named like a workbook that is not one. Many
// systems "export to Excel" as an HTML table or as Excel 2003 XML with an
// .xls name; Excel opens those, so the user can save them as .xlsx.
func notExcel(data []byte) error {
	head := bytes.ToLower(data[:min(len(data), 4096)])
	switch {
	case bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return fileError("这是 Excel 2003 XML 格式的表格，请用 Excel 打开后另存为 .xlsx 再上传")
	case bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<table")):
		return fileError("这是网页（HTML）格式的表格，只是扩展名为 Excel；请用 Excel 打开后另存为 .xlsx 再上传")
	}
	return fileError("文件内容不是 Excel 表格（可能是改了扩展名的其他文件），请用 Excel 打开后另存为 .xlsx 再上传")
}
