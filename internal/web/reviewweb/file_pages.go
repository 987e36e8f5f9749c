package reviewweb

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

// adder stores an uploaded file with object id; opener opens file aid of
// object id for the actor. The review service's file methods all have these
// shapes.
type (
	adder  func(ctx context.Context, a app.Actor, id int64, name string, body io.Reader) (int64, error)
	opener func(ctx context.Context, a app.Actor, id, aid int64) (review.Attachment, io.ReadSeekCloser, error)
)

// addFile is an upload page: it checks the object is in reach before the
// body is read (out of reach is not found, not a refused upload), stores
// the file and goes back to back/{id}.
func addFile(w http.ResponseWriter, r *http.Request, reach func(ctx context.Context, a app.Actor, id int64) error, add adder, back string) {
	id, err := web.PathID(r)
	if err == nil {
		err = reach(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", review.MaxAttachment)
	if err == nil {
		_, err = add(r.Context(), web.ActorOf(r), id, name, body)
	}
	if err != nil {
		if app.ErrorCode(err) == app.ETOOLARGE {
			web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
			return
		}
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, back+web.Itoa64(id)+"?saved=1")
}

// sendFile is a download page over open.
func sendFile(w http.ResponseWriter, r *http.Request, open opener) {
	id, aid, err := fileIDs(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, rc, err := open(r.Context(), web.ActorOf(r), id, aid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}

// submissionFileAdd stores an uploaded file with the author's draft.
func (s *module) submissionFileAdd(w http.ResponseWriter, r *http.Request) {
	addFile(w, r, func(ctx context.Context, a app.Actor, id int64) error {
		_, err := s.Review.FindSubmissionByID(ctx, a, id)
		return err
	}, s.Review.AddFile, "/submissions/")
}

// callFileAdd stores an uploaded file with the campaign's call.
func (s *module) callFileAdd(w http.ResponseWriter, r *http.Request) {
	addFile(w, r, func(ctx context.Context, a app.Actor, id int64) error {
		_, err := s.Review.FindCampaignByID(ctx, a, id)
		return err
	}, s.Review.AddCallFile, "/campaigns/")
}

// outcomeFileAdd stores an uploaded file with a 成果库 entry the user's
// organisation published.
func (s *module) outcomeFileAdd(w http.ResponseWriter, r *http.Request) {
	addFile(w, r, func(ctx context.Context, a app.Actor, id int64) error {
		if !s.Review.CanManageOutcome(ctx, a, id) {
			return web.ErrNotFound("成果")
		}
		return nil
	}, s.Review.AddOutcomeFile, "/outcomes/")
}

// callFile downloads a file of a call the user may see.
func (s *module) callFile(w http.ResponseWriter, r *http.Request) {
	sendFile(w, r, s.Review.OpenCallFile)
}

// submissionFile downloads a file of a submission the user may see.
func (s *module) submissionFile(w http.ResponseWriter, r *http.Request) {
	sendFile(w, r, s.Review.OpenFile)
}

// outcomeFile downloads a file of a 成果库 entry that reaches the user.
func (s *module) outcomeFile(w http.ResponseWriter, r *http.Request) {
	sendFile(w, r, s.Review.OpenOutcomeFile)
}

func fileIDs(r *http.Request) (int64, int64, error) {
	id, err := web.PathID(r)
	aid, aerr := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aerr != nil {
		return 0, 0, web.ErrNotFound("附件")
	}
	return id, aid, nil
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
