package activityweb

import (
	"context"
	"fmt"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

type detailData struct {
	activity.Detail
	CanSignUp bool
	Record    string // the end form, kept on an error
	Outcome   string
}

// detailPage renders an activity, with err at its form when set.
func (s *module) detailPage(w http.ResponseWriter, r *http.Request, id int64, keep detailData, err error) {
	d, e := s.Activity.FindActivityByID(r.Context(), web.ActorOf(r), id)
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	dd := detailData{Detail: d, Record: keep.Record, Outcome: keep.Outcome}
	if dd.Outcome == "" {
		dd.Outcome = d.Outcome
	}
	dd.CanSignUp = !d.SignedUp && d.SignupMode == activity.ModeOpen && (d.State == activity.StatePublished || d.State == activity.StateRunning) &&
		!d.Full() && web.ActorOf(r).PersonID != 0
	p := web.Page{Title: d.Title, Crumbs: []web.Crumb{{Name: "教研活动", URL: "/activities"}, {Name: d.Title}}, Data: dd,
		Flash: doneText[r.URL.Query().Get("done")]}
	if err != nil {
		web.FormError(w, r, "activity_detail", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "activity_detail", p)
}

func (s *module) detail(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.detailPage(w, r, id, detailData{}, nil)
}

// act runs one action on the activity in the path: on success it goes back
// to the activity with flash; an input error shows the activity again with
// the message at its field.
func (s *module) act(w http.ResponseWriter, r *http.Request, flash string, do func(ctx context.Context, a app.Actor, id int64) error) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	if err := do(r.Context(), web.ActorOf(r), id); err != nil {
		s.detailPage(w, r, id, detailData{Record: web.FormStr(r, "record"), Outcome: web.FormStr(r, "outcome")}, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/activities/%d?done=%s", id, flash))
}

func (s *module) publish(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "publish", func(ctx context.Context, a app.Actor, id int64) error {
		return s.Activity.Publish(ctx, a, id, web.FormInt(r, "version"))
	})
}

func (s *module) end(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "end", func(ctx context.Context, a app.Actor, id int64) error {
		return s.Activity.End(ctx, a, id, web.FormInt(r, "version"), web.FormStr(r, "record"))
	})
}

func (s *module) outcome(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "outcome", func(ctx context.Context, a app.Actor, id int64) error {
		return s.Activity.SubmitOutcome(ctx, a, id, web.FormInt(r, "version"), web.FormStr(r, "outcome"))
	})
}

func (s *module) review(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "review", func(ctx context.Context, a app.Actor, id int64) error {
		return s.Activity.Review(ctx, a, id, web.FormInt(r, "version"), web.FormStr(r, "decision") == "approve", web.FormStr(r, "reason"))
	})
}

func (s *module) invite(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "invite", func(ctx context.Context, a app.Actor, id int64) error {
		_, err := s.Activity.Invite(ctx, a, id, web.FormIDs(r, "people"))
		return err
	})
}

func (s *module) signUp(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "signup", s.Activity.SignUp)
}

func (s *module) cancel(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "cancel", s.Activity.Cancel)
}

// doneText is the flash after an action.
var doneText = map[string]string{"publish": "活动已发布", "end": "活动已结束", "outcome": "成果已提交，等待审核", "review": "审核意见已保存",
	"invite": "已添加参加人员", "signup": "报名成功", "cancel": "已取消报名", "checkin": "签到成功"}
