package attach

import (
	"bytes"
	"encoding/binary"
	"net/http"
	"path"
	"strings"

	"jiaoyan/internal/app"
)

// FileType is a type of file attach recognises by its content.
type FileType struct {
	Code string
	Name string // Chinese
	Mime string
	Exts []string
}

// fileTypes are the types attach knows; a Kind allows some of them.
var fileTypes = []FileType{
	{"jpeg", "JPEG 图片", "image/jpeg", []string{".jpg", ".jpeg"}},
	{"png", "PNG 图片", "image/png", []string{".png"}},
	{"gif", "GIF 图片", "image/gif", []string{".gif"}},
	{"pdf", "PDF 文档", "application/pdf", []string{".pdf"}},
	{"docx", "Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}},
	{"xlsx", "Excel 表格", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}},
	{"pptx", "PowerPoint 演示文稿", "application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}},
	{"doc", "Word 97-2003 文档", "application/msword", []string{".doc"}},
	{"xls", "Excel 97-2003 表格", "application/vnd.ms-excel", []string{".xls"}},
	{"ppt", "PowerPoint 97-2003 演示文稿", "application/vnd.ms-powerpoint", []string{".ppt"}},
	{"txt", "文本文件", "text/plain; charset=utf-8", []string{".txt"}},
	{"mp3", "MP3 音频", "audio/mpeg", []string{".mp3"}},
	{"m4a", "M4A 音频", "audio/mp4", []string{".m4a"}},
	{"mp4", "MP4 视频", "video/mp4", []string{".mp4", ".m4v"}},
	{"mov", "QuickTime 视频", "video/quicktime", []string{".mov"}},
}

// sniffLen is how much of a file's head detection reads: enough to see the
// first entries of an Office (zip) file.
const sniffLen = 64 << 10

// TypeByCode returns the FileType with code c.
func TypeByCode(c string) (FileType, bool) {
	for _, t := range fileTypes {
		if t.Code == c {
			return t, true
		}
	}
	return FileType{}, false
}

func typeByExt(ext string) (FileType, bool) {
	for _, t := range fileTypes {
		for _, e := range t.Exts {
			if e == ext {
				return t, true
			}
		}
	}
	return FileType{}, false
}

// checkType returns the file type of a file named name whose first bytes
// are head, refusing a type k does not allow and content that is not what
// the extension says (a zip named .pdf, a program named .jpg).
func checkType(k Kind, name string, head []byte) (FileType, error) {
	ext := strings.ToLower(path.Ext(name))
	t, ok := typeByExt(ext)
	if !ok || !allowed(k, t.Code) {
		return FileType{}, app.Invalid("file", "%s只能上传%s（不支持 %s 文件）", k.Name, allowedNames(k), displayExt(ext))
	}
	if !contains(detect(head), t.Code) {
		return FileType{}, app.Invalid("file", "文件内容与扩展名不符：%s 不是 %s", name, t.Name)
	}
	return t, nil
}

func displayExt(ext string) string {
	if ext == "" {
		return "无扩展名的"
	}
	return ext
}

func allowed(k Kind, code string) bool { return contains(k.Types, code) }

func allowedNames(k Kind) string {
	var names []string
	for _, c := range k.Types {
		if t, ok := TypeByCode(c); ok {
			names = append(names, t.Name)
		}
	}
	return strings.Join(names, "、")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// detect returns the codes of the types head may be: one for most files,
// several where the content alone cannot tell (an old Office file).
func detect(head []byte) []string {
	switch {
	case bytes.HasPrefix(head, []byte("\xFF\xD8\xFF")):
		return []string{"jpeg"}
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return []string{"png"}
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return []string{"gif"}
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return []string{"pdf"}
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return []string{"doc", "xls", "ppt"}
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return detectOOXML(head)
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return detectISO(head)
	case isMP3(head):
		return []string{"mp3"}
	case isText(head):
		return []string{"txt"}
	}
	return nil
}

// detectOOXML tells docx, xlsx and pptx apart by the names of the zip's
// first entries: an Office file holds [Content_Types].xml and a word/, xl/
// or ppt/ folder. A zip without [Content_Types].xml is no Office file.
func detectOOXML(head []byte) []string {
	names := zipNames(head)
	if !contains(names, "[Content_Types].xml") {
		return nil
	}
	for _, n := range names {
		switch {
		case strings.HasPrefix(n, "word/"):
			return []string{"docx"}
		case strings.HasPrefix(n, "xl/"):
			return []string{"xlsx"}
		case strings.HasPrefix(n, "ppt/"):
			return []string{"pptx"}
		}
	}
	return []string{"docx", "xlsx", "pptx"} // the telling entry lies past the head
}

// zipNames returns the names of the local file headers found in head. It
// scans for header signatures rather than skipping entries, because
// streaming zip writers leave the compressed size out of the header.
func zipNames(head []byte) []string {
	var names []string
	sig := []byte("PK\x03\x04")
	for i := 0; ; {
		j := bytes.Index(head[i:], sig)
		if j < 0 {
			return names
		}
		p := i + j
		if p+30 > len(head) {
			return names
		}
		n := int(binary.LittleEndian.Uint16(head[p+26:]))
		if p+30+n <= len(head) {
			names = append(names, string(head[p+30:p+30+n]))
		}
		i = p + 4
	}
}

// detectISO reads the brand of an ISO base media file (MP4, MOV, M4A).
func detectISO(head []byte) []string {
	switch string(head[8:12]) {
	case "qt  ":
		return []string{"mov"}
	case "M4A ", "M4B ":
		return []string{"m4a"}
	}
	return []string{"mp4"}
}

func isMP3(head []byte) bool {
	if bytes.HasPrefix(head, []byte("ID3")) {
		return true
	}
	return len(head) >= 2 && head[0] == 0xFF && head[1]&0xE0 == 0xE0
}

// isText accepts plain text (UTF-8 or GBK) and refuses HTML and anything
// with control bytes, by the standard sniffing algorithm.
func isText(head []byte) bool {
	return len(head) > 0 && strings.HasPrefix(http.DetectContentType(head), "text/plain")
}
