package reviewweb

import (
	"net/http"
	"strconv"
	"time"

	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type taskListData struct {
	InPool     bool
	Open, Done []review.Task
	Today      string
	Pager      web.Pager
	Statuses   map[string]string
}

var taskStatusNames = map[string]string{review.AsInvited: "待答复", review.AsAccepted: "评审中", review.AsDone: "已提交"}

func today() string { return time.Now().In(web.CST).Format("2006-01-02") }

// taskList is the expert's 我的评审任务: open tasks by due date, then the
// finished ones.
func (s *module) taskList(w http.ResponseWriter, r *http.Request) {
	in, err := s.Review.InPool(r.Context(), web.ActorOf(r))
	var tasks []review.Task
	if err == nil {
		tasks, err = s.Review.MyTasks(r.Context(), web.ActorOf(r))
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	offset, page := web.PageOf(r)
	d := taskListData{InPool: in || len(tasks) > 0, Today: today(), Pager: web.NewPager(r.URL.Query(), page, len(tasks)), Statuses: taskStatusNames}
	for _, t := range tasks[min(offset, len(tasks)):min(offset+web.PageSize, len(tasks))] {
		if t.Status == review.AsDone {
			d.Done = append(d.Done, t)
		} else {
			d.Open = append(d.Open, t)
		}
	}
	web.Render(w, r, http.StatusOK, "review_tasks", web.PageData("我的评审任务", d))
}

type taskData struct {
	T        review.Task
	Files    []review.Attachment
	Today    string
	Stages   map[string]string
	Statuses map[string]string
}

// taskPage is one task: the submission (without names in a blind
// campaign), the invitation answer, the 回避声明 and the score form.
func (s *module) taskPage(w http.ResponseWriter, r *http.Request) {
	t, _, err := web.ByID(r, s.Review.FindTask)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.renderTask(w, r, t, nil)
}

func (s *module) renderTask(w http.ResponseWriter, r *http.Request, t review.Task, formErr error) {
	files, err := s.Review.TaskFiles(r.Context(), web.ActorOf(r), t.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	title := t.Submission.Title
	p := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "我的评审任务", URL: "/reviews"}, {Name: title}},
		Data: taskData{T: t, Files: files, Today: today(), Stages: stageNames, Statuses: taskStatusNames}}
	if formErr != nil {
		web.FormError(w, r, "review_task", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "review_task", p)
}

func (s *module) taskAction(w http.ResponseWriter, r *http.Request, act func(r *http.Request, id int64) error) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := act(r, id); err != nil {
		web.ActionError(w, r, err)
		return
	}
	if web.FormStr(r, "accept") == "0" || web.FormBool(r, "conflict") {
		web.Redirect(w, r, "/reviews?saved=1")
		return
	}
	web.Redirect(w, r, "/reviews/"+web.Itoa64(id)+"?saved=1")
}

// taskRespond accepts or declines the invitation.
func (s *module) taskRespond(w http.ResponseWriter, r *http.Request) {
	s.taskAction(w, r, func(r *http.Request, id int64) error {
		return s.Review.Respond(r.Context(), web.ActorOf(r), id, web.FormStr(r, "accept") != "0", web.FormStr(r, "reason"))
	})
}

// taskDeclare records the 回避声明.
func (s *module) taskDeclare(w http.ResponseWriter, r *http.Request) {
	s.taskAction(w, r, func(r *http.Request, id int64) error {
		return s.Review.Declare(r.Context(), web.ActorOf(r), id, web.FormBool(r, "conflict"), web.FormStr(r, "reason"))
	})
}

// taskScores saves the score form: from htmx an autosave of the draft,
// else the final 提交 (final=1) or a plain save.
func (s *module) taskScores(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	f := review.ScoreForm{Task: id, Version: web.FormInt(r, "version"), Comment: web.FormStr(r, "comment"), Final: web.FormStr(r, "final") == "1"}
	for i := 0; ; i++ {
		v, ok := r.PostForm["score_"+strconv.Itoa(i)]
		if !ok {
			break
		}
		if len(v) == 0 || v[0] == "" {
			if f.Final {
				f.Scores = append(f.Scores, -1) // refused by the service with the item's name
			}
			break
		}
		x, err := strconv.ParseFloat(v[0], 64)
		if err != nil {
			x = -1
		}
		f.Scores = append(f.Scores, x)
	}
	ver, err := s.Review.SaveScores(r.Context(), web.ActorOf(r), f)
	if r.Header.Get("HX-Request") == "true" {
		autosaved(w, r, ver, err)
		return
	}
	if err != nil {
		t, ferr := s.Review.FindTask(r.Context(), web.ActorOf(r), id)
		if ferr != nil {
			web.Fail(w, r, ferr)
			return
		}
		t.Scores, t.Comment = f.Scores, f.Comment
		s.renderTask(w, r, t, err)
		return
	}
	web.Redirect(w, r, "/reviews/"+web.Itoa64(id)+"?saved=1")
}
