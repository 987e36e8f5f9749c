package web

import (
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"jiaoyan/internal/attach"
)

// XLSXType is the Content-Type of an Excel workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// SendBytes sends data as a download named name. Every generated file
// (exports, job reports, templates) goes through here, and stored
// attachments through SendFile; both name the file with ContentDisposition.
// An empty contentType is taken from the name's extension.
func SendBytes(w http.ResponseWriter, name, contentType string, data []byte) {
	StartDownload(w, name, contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data) // errcheck: the client went away; nothing to tell it
}

// StartDownload sets the headers of a download named name, for a handler
// that then streams the body itself (a large export).
func StartDownload(w http.ResponseWriter, name, contentType string) {
	if contentType == "" {
		contentType = mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", ContentDisposition(name))
}

// SendXLSX sends an Excel workbook named name.
func SendXLSX(w http.ResponseWriter, name string, data []byte) {
	SendBytes(w, name, XLSXType, data)
}

// ContentDisposition names a download for every browser (RFC 6266): an
// ASCII fallback in filename and the real name, UTF-8 and percent-encoded,
// in filename*.
func ContentDisposition(name string) string { return attach.Disposition(name) }
