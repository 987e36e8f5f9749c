package liaisonweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// visitAttach stores an uploaded file with a visit, streaming it to the
// attachment storage.
func (s *module) visitAttach(w http.ResponseWriter, r *http.Request) {
	_, id, err := web.ByID(r, s.Liaison.FindVisitByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", liaison.MaxAttachment)
	if err == nil {
		_, err = s.Liaison.AddAttachment(r.Context(), web.ActorOf(r), id, name, body)
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

// visitAttachment downloads a file of a visit the user may see, under its
// original name. It is always sent as a download, never shown inline.
func (s *module) visitAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	aid, aerr := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aerr != nil {
		web.Fail(w, r, web.ErrNotFound("附件"))
		return
	}
	a, rc, err := s.Liaison.Attachment(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}
