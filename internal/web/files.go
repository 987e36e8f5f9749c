package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
)

// ReceiveFile returns the file in form field of a multipart POST, streamed
// straight from the request: nothing is buffered in memory or spooled to
// disk by the kit, so a large video passes through to attach.Stage. The
// request body is cut off a little past max (the module's kind limit, which
// Stage enforces exactly); reading past it fails with ETOOLARGE. The file
// field must come after any other fields the handler needs, which it reads
// from the URL instead.
func ReceiveFile(w http.ResponseWriter, r *http.Request, field string, max int64) (name string, body io.Reader, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, max+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, app.Invalid(field, "请选择要上传的文件")
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) || err != nil {
			return "", nil, uploadError(field, err)
		}
		if p.FormName() == field && p.FileName() != "" {
			return p.FileName(), tooLargeReader{p}, nil
		}
	}
}

func uploadError(field string, err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return app.Errorf(app.ETOOLARGE, "文件太大，无法上传")
	}
	return app.Invalid(field, "请选择要上传的文件")
}

// tooLargeReader turns the body limit's error into the user's message.
type tooLargeReader struct{ r io.Reader }

func (t tooLargeReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		err = app.Errorf(app.ETOOLARGE, "文件太大，无法上传")
	}
	return n, err
}

// SendFile sends attachment a, whose bytes rc holds, as a download under
// its original (Chinese) name, never inline, with range requests (video
// seeking, resumed downloads) and the SHA-256 as ETag. It closes rc.
func SendFile(w http.ResponseWriter, r *http.Request, a attach.Attachment, rc io.ReadSeekCloser) {
	defer rc.Close()
	h := w.Header()
	ct := a.Mime
	if _, _, err := mime.ParseMediaType(ct); err != nil || strings.HasPrefix(ct, "text/html") {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", attach.Disposition(a.Name))
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+a.SHA256+`"`)
	http.ServeContent(w, r, "", a.CreatedAt, rc)
}
