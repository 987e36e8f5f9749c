package liaisonweb

import (
	"io"
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// visitAttach stores an uploaded file with a visit.
func (s *module) visitAttach(w http.ResponseWriter, r *http.Request) {
	_, id, err := web.ByID(r, s.Liaison.FindVisitByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, liaison.MaxAttachment+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		web.ActionError(w, r, app.Invalid("file", "请选择不超过 10 MB 的文件"))
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, liaison.MaxAttachment+1))
	file.Close()
	if err == nil {
		_, err = s.Liaison.AddAttachment(r.Context(), web.ActorOf(r), id, hdr.Filename, data)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/visits/"+web.Itoa64(id)+"?saved=1")
}

// visitAttachment downloads a file of a visit the user may see. It is always
// sent as a download, never shown inline.
func (s *module) visitAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	aid, aerr := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aerr != nil {
		web.Fail(w, r, web.ErrNotFound("附件"))
		return
	}
	a, content, err := s.Liaison.Attachment(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", a.Mime)
	w.Header().Set("Content-Disposition", web.ContentDisposition(a.Name))
	w.Write(content)
}
