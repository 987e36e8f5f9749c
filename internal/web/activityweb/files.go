package activityweb

import (
	"fmt"
	"io"
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

// uploaded redirects to back after an upload, or shows why it failed.
func uploaded(w http.ResponseWriter, r *http.Request, back string, err error) {
	if err == nil {
		web.Redirect(w, r, back+"?saved=1")
		return
	}
	if app.ErrorCode(err) == app.ETOOLARGE {
		web.Render(w, r, http.StatusRequestEntityTooLarge, "error", web.Page{Title: "上传失败", Error: app.ErrorMessage(err)})
		return
	}
	web.ActionError(w, r, err)
}

// activityFileAdd stores a file with an activity's plan or record
// (?part=plan|record), streamed to the attachment storage.
func (s *module) activityFileAdd(w http.ResponseWriter, r *http.Request) {
	_, id, err := web.ByID(r, s.Activity.FindActivityByID) // scope first, before reading the body
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", activity.MaxAttachment)
	if err == nil {
		_, err = s.Activity.AddActivityFile(r.Context(), web.ActorOf(r), id, r.URL.Query().Get("part"), name, body)
	}
	uploaded(w, r, fmt.Sprintf("/activities/%d", id), err)
}

// activityFile downloads a file of an activity the user may see, always as
// a download under its original name.
func (s *module) activityFile(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	fid, ferr := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil || ferr != nil {
		web.Fail(w, r, web.ErrNotFound("附件"))
		return
	}
	a, rc, err := s.Activity.ActivityFile(r.Context(), web.ActorOf(r), id, fid)
	send(w, r, a, rc, err)
}

func send(w http.ResponseWriter, r *http.Request, a activity.Attachment, rc io.ReadSeekCloser, err error) {
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}

// postIDs are the thread and post of a post-file route.
func postIDs(r *http.Request) (thread, post int64, err error) {
	thread, err = web.PathID(r)
	if p, perr := strconv.ParseInt(r.PathValue("pid"), 10, 64); err == nil && perr == nil {
		return thread, p, nil
	}
	return 0, 0, web.ErrNotFound("帖子")
}

// postFileAdd stores a file with one's own post of a thread.
func (s *module) postFileAdd(w http.ResponseWriter, r *http.Request) {
	thread, post, err := postIDs(r)
	if err == nil { // scope first, before reading the body
		_, err = s.Activity.FindThreadByID(r.Context(), web.ActorOf(r), thread)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	name, body, err := web.ReceiveFile(w, r, "file", activity.MaxAttachment)
	if err == nil {
		_, err = s.Activity.AddPostFile(r.Context(), web.ActorOf(r), thread, post, name, body)
	}
	uploaded(w, r, fmt.Sprintf("/threads/%d", thread), err)
}

// postFile downloads a file of a post, for a member of the room.
func (s *module) postFile(w http.ResponseWriter, r *http.Request) {
	thread, post, err := postIDs(r)
	fid, ferr := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil || ferr != nil {
		web.Fail(w, r, web.ErrNotFound("附件"))
		return
	}
	a, rc, err := s.Activity.PostFile(r.Context(), web.ActorOf(r), thread, post, fid)
	send(w, r, a, rc, err)
}
