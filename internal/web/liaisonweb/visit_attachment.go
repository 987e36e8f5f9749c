package web

import (
	"io"
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
)

// visitAttach stores an uploaded file with a visit.
func (s *Server) visitAttach(w http.ResponseWriter, r *http.Request) {
	_, id, err := byID(r, s.Liaison.FindVisitByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, liaison.MaxAttachment+1<<20)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		s.actionError(w, r, app.Invalid("file", "请选择不超过 10 MB 的文件"))
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, liaison.MaxAttachment+1))
	file.Close()
	if err == nil {
		_, err = s.Liaison.AddAttachment(r.Context(), actorOf(r), id, hdr.Filename, data)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			s.render(w, r, http.StatusRequestEntityTooLarge, "error", page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		s.actionError(w, r, err)
		return
	}
	redirect(w, r, "/visits/"+itoa64(id)+"?saved=1")
}

// visitAttachment downloads a file of a visit the user may see. It is always
// sent as a download, never shown inline.
func (s *Server) visitAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	aid, aerr := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aerr != nil {
		s.fail(w, r, errNotFound("附件"))
		return
	}
	a, content, err := s.Liaison.Attachment(r.Context(), actorOf(r), id, aid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", a.Mime)
	w.Header().Set("Content-Disposition", contentDisposition(a.Name))
	w.Write(content)
}
