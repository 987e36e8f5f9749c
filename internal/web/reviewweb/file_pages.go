package reviewweb

import (
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

// submissionFileAdd stores an uploaded file with the author's draft.
func (s *module) submissionFileAdd(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	// scope before the upload is read: a submission out of reach is not found.
	if _, err := s.Review.FindSubmissionByID(r.Context(), web.ActorOf(r), id); err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", review.MaxAttachment)
	if err == nil {
		_, err = s.Review.AddFile(r.Context(), web.ActorOf(r), id, name, body)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/submissions/"+web.Itoa64(id)+"?saved=1")
}

// callFileAdd stores an uploaded file with the campaign's call.
func (s *module) callFileAdd(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil {
		_, err = s.Review.FindCampaignByID(r.Context(), web.ActorOf(r), id) // scope before the upload is read
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", review.MaxAttachment)
	if err == nil {
		_, err = s.Review.AddCallFile(r.Context(), web.ActorOf(r), id, name, body)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/campaigns/"+web.Itoa64(id)+"?saved=1")
}

// callFile downloads a file of a call the user may see.
func (s *module) callFile(w http.ResponseWriter, r *http.Request) {
	id, aid, err := fileIDs(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, rc, err := s.Review.OpenCallFile(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}

func fileIDs(r *http.Request) (int64, int64, error) {
	id, err := web.PathID(r)
	aid, aerr := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aerr != nil {
		return 0, 0, web.ErrNotFound("附件")
	}
	return id, aid, nil
}

// submissionFile downloads a file of a submission the user may see.
func (s *module) submissionFile(w http.ResponseWriter, r *http.Request) {
	id, aid, err := fileIDs(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, rc, err := s.Review.OpenFile(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}

// viewable are the file types an expert reads in the browser.
var viewable = map[string]bool{"pdf": true, "jpeg": true, "png": true}

// taskFile shows a file of the expert's own task: PDFs and pictures in
// the browser (sandboxed, type fixed by content), others as downloads.
func (s *module) taskFile(w http.ResponseWriter, r *http.Request) {
	id, aid, err := fileIDs(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, rc, err := s.Review.OpenTaskFile(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !viewable[a.FileType] {
		web.SendFile(w, r, a, rc)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", a.Mime)
	h.Set("Content-Disposition", "inline"+strings.TrimPrefix(attach.Disposition(a.Name), "attachment"))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; object-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-cache")
	http.ServeContent(w, r, "", a.CreatedAt, rc)
}

// outcomeFileAdd stores an uploaded file with a 成果库 entry the user's
// organisation published.
func (s *module) outcomeFileAdd(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err == nil && !s.Review.CanManageOutcome(r.Context(), web.ActorOf(r), id) { // scope before the upload is read
		err = web.ErrNotFound("成果")
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", review.MaxAttachment)
	if err == nil {
		_, err = s.Review.AddOutcomeFile(r.Context(), web.ActorOf(r), id, name, body)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/outcomes/"+web.Itoa64(id)+"?saved=1")
}

// outcomeFile downloads a file of a 成果库 entry that reaches the user.
func (s *module) outcomeFile(w http.ResponseWriter, r *http.Request) {
	id, aid, err := fileIDs(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, rc, err := s.Review.OpenOutcomeFile(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}
