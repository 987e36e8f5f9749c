package qualityweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/web"
)

// loopAttach stores an uploaded file with the loop's 问题调研.
func (s *module) loopAttach(w http.ResponseWriter, r *http.Request) {
	_, id, err := web.ByID(r, s.Rectify.FindLoopByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", rectify.MaxFile)
	if err == nil {
		_, err = s.Rectify.AddFile(r.Context(), web.ActorOf(r), id, name, body)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/rectifications/"+web.Itoa64(id))
}

// loopFile downloads a file of a loop the user may see, always as a download.
func (s *module) loopFile(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	aid, aerr := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aerr != nil {
		web.Fail(w, r, web.ErrNotFound("附件"))
		return
	}
	a, rc, err := s.Rectify.File(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}
