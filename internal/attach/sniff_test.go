package attach

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
)

var kindAll = Kind{Code: "all", Name: "附件", MaxSize: 1 << 20,
	Types: append(append(append(append([]string{}, Images...), Documents...), Audio...), Video...)}

func TestTypeIsFoundByContentNotByName(t *testing.T) {
	ole := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 50)
	for _, c := range []struct {
		name, head, want string // want "" = refused
	}{
		{"照片.JPG", "\xFF\xD8\xFF\xE0\x00\x10JFIF", "jpeg"},
		{"照片.jpg", "\x89PNG\r\n\x1a\n", ""}, // a PNG named .jpg is not what it says
		{"文件.pdf", "%PDF-1.4\n", "pdf"},
		{"文件.pdf", string(zipWith("[Content_Types].xml", "word/document.xml")), ""},
		{"教案.docx", string(zipWith("[Content_Types].xml", "word/document.xml")), "docx"},
		{"成绩.xlsx", string(zipWith("[Content_Types].xml", "xl/workbook.xml")), "xlsx"},
		{"课件.pptx", string(zipWith("[Content_Types].xml", "ppt/presentation.xml")), "pptx"},
		{"课件.pptx", string(zipWith("[Content_Types].xml", "xl/workbook.xml")), ""},
		{"旧教案.doc", ole, "doc"},
		{"旧成绩.xls", ole, "xls"},
		{"录音.mp3", "ID3\x04\x00", "mp3"},
		{"录音.mp3", "\xFF\xFB\x90\x00", "mp3"},
		{"录音.m4a", "\x00\x00\x00\x20ftypM4A \x00\x00", "m4a"},
		{"课堂.mp4", "\x00\x00\x00\x18ftypmp42\x00\x00", "mp4"},
		{"课堂.mov", "\x00\x00\x00\x14ftypqt  \x00\x00", "mov"},
		{"课堂.mov", "\x00\x00\x00\x18ftypmp42\x00\x00", ""},
		{"说明.txt", "本次到校听课三节。", "txt"},
		{"说明.txt", "<!DOCTYPE html><p>hi", ""},
		{"病毒.jpg", "MZ\x90\x00\x03\x00", ""},
		{"程序.exe", "MZ\x90\x00\x03\x00", ""},
		{"无扩展名", "%PDF-1.4", ""},
	} {
		ft, err := checkType(kindAll, c.name, []byte(c.head))
		switch {
		case c.want == "" && app.ErrorCode(err) != app.EINVALID:
			t.Errorf("%s: accepted as %s, want refused", c.name, ft.Code)
		case c.want != "" && (err != nil || ft.Code != c.want):
			t.Errorf("%s: %v %q, want %s", c.name, err, ft.Code, c.want)
		}
	}
}

func TestRefusalsSayWhatIsAllowedInChinese(t *testing.T) {
	_, err := checkType(KindCertificate, "证书.docx", []byte("PK\x03\x04"))
	if msg := app.ErrorMessage(err); msg != "证书只能上传PDF 文档、JPEG 图片、PNG 图片（不支持 .docx 文件）" {
		t.Fatalf("message %q", msg)
	}
	_, err = checkType(KindCertificate, "证书.pdf", []byte("PK\x03\x04"))
	if msg := app.ErrorMessage(err); msg != "文件内容与扩展名不符：证书.pdf 不是 PDF 文档" {
		t.Fatalf("message %q", msg)
	}
}

func TestNamesAreCleanedAndKeptInChinese(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\李\Desktop\听课记录.pdf`:     "听课记录.pdf",
		"../../etc/passwd.txt":            "passwd.txt",
		"a\x00b\"c.pdf":                   "abc.pdf",
		strings.Repeat("长", 200) + ".pdf": strings.Repeat("长", 116) + ".pdf",
	} {
		if got, err := cleanName(in); err != nil || got != want {
			t.Errorf("cleanName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := cleanName("  "); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("blank name: %v", err)
	}
}

func TestDownloadKeepsTheChineseName(t *testing.T) {
	got := Disposition(`听课记录 "三年级".pdf`)
	want := `attachment; filename="____ _____.pdf"; filename*=UTF-8''%E5%90%AC%E8%AF%BE%E8%AE%B0%E5%BD%95%20%22%E4%B8%89%E5%B9%B4%E7%BA%A7%22.pdf`
	if got != want {
		t.Fatalf("Disposition =\n%s\nwant\n%s", got, want)
	}
}
