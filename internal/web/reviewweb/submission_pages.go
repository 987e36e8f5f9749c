package reviewweb

import (
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type submissionData struct {
	X         review.Submission
	Files     []review.Attachment
	C         review.Campaign
	Own       bool
	Manage    bool
	SubStatus map[string]string
	Levels    map[string]string
	Stages    map[string]string
}

// draftCreate starts the user's draft for the campaign and opens it.
func (s *module) draftCreate(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	sid, _, err := s.Review.SaveDraft(r.Context(), web.ActorOf(r), review.Submission{CampaignID: id, Title: web.FormStr(r, "title")})
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/submissions/"+web.Itoa64(sid))
}

// submissionPage shows a submission: the author's draft form (saved as
// typed), or the entry for a recommender or the organiser.
func (s *module) submissionPage(w http.ResponseWriter, r *http.Request) {
	x, _, err := web.ByID(r, s.Review.FindSubmissionByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.renderSubmission(w, r, x, nil)
}

func (s *module) renderSubmission(w http.ResponseWriter, r *http.Request, x review.Submission, formErr error) {
	a := web.ActorOf(r)
	c, err := s.Review.FindCampaignByID(r.Context(), a, x.CampaignID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	files, err := s.Review.SubmissionFiles(r.Context(), a, x.ID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := submissionData{X: x, Files: files, C: c, Own: x.AuthorID == a.PersonID, Manage: review.CanManage(a, c), SubStatus: review.SubStatusNames,
		Levels: review.LevelNames, Stages: stageNames}
	title := x.Title
	if title == "" {
		title = "申报草稿"
	}
	p := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "评审活动", URL: "/campaigns"}, {Name: c.Title, URL: "/campaigns/" + web.Itoa64(c.ID)}, {Name: title}}, Data: d}
	if formErr != nil {
		web.FormError(w, r, "review_submission", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "review_submission", p)
}

var stageNames = map[string]string{"preschool": "学前", "primary": "小学", "junior": "初中", "senior": "高中", "vocational": "职业教育", "special": "特殊教育"}

// submissionSave saves the draft; from htmx (autosave as the author
// types) it answers with the save note and the new version only.
func (s *module) submissionSave(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	x := review.Submission{ID: id, CampaignID: web.FormInt64(r, "campaign_id"), Version: web.FormInt(r, "version"), Title: web.FormStr(r, "title"),
		Subject: web.FormStr(r, "subject"), Stage: web.FormStr(r, "stage"), Content: web.FormStr(r, "content")}
	for i := 0; ; i++ {
		v, ok := r.PostForm["answer_"+strconv.Itoa(i)]
		if !ok {
			break
		}
		x.Answers = append(x.Answers, strings.TrimSpace(v[0]))
	}
	_, v, err := s.Review.SaveDraft(r.Context(), web.ActorOf(r), x)
	if r.Header.Get("HX-Request") == "true" {
		autosaved(w, r, v, err)
		return
	}
	if err != nil {
		old, ferr := s.Review.FindSubmissionByID(r.Context(), web.ActorOf(r), id)
		if ferr != nil {
			web.Fail(w, r, ferr)
			return
		}
		x.Author, x.OrgName, x.Status, x.AuthorID = old.Author, old.OrgName, old.Status, old.AuthorID
		s.renderSubmission(w, r, x, err)
		return
	}
	web.Redirect(w, r, "/submissions/"+web.Itoa64(id)+"?saved=1")
}

// autosaved is the htmx answer of an autosave: a note and the version the
// next save must carry.
func autosaved(w http.ResponseWriter, r *http.Request, version int, err error) {
	d := struct {
		Version int
		Error   string
	}{Version: version}
	status := http.StatusOK
	if err != nil {
		d.Error = errorText(err)
		status = http.StatusOK // htmx swaps only 2xx answers; the note carries the failure
	}
	web.Render(w, r, status, "review_autosave", web.Page{Data: d})
}

// submissionSubmit checks eligibility and quota and submits.
func (s *module) submissionSubmit(w http.ResponseWriter, r *http.Request) {
	s.submissionAction(w, r, s.Review.Submit)
}

// submissionWithdraw takes the entry back before the deadline.
func (s *module) submissionWithdraw(w http.ResponseWriter, r *http.Request) {
	s.submissionAction(w, r, s.Review.Withdraw)
}

func (s *module) submissionAction(w http.ResponseWriter, r *http.Request, act func(ctx ctxT, a actorT, id int64) error) {
	id, err := web.PathID(r)
	if err == nil {
		err = act(r.Context(), web.ActorOf(r), id)
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/submissions/"+web.Itoa64(id)+"?saved=1")
}

// submissionCheck records the 形式审查.
func (s *module) submissionCheck(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := s.Review.FormalCheck(r.Context(), web.ActorOf(r), id, web.FormStr(r, "result") == "pass", web.FormStr(r, "note")); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/submissions/"+web.Itoa64(id)+"?saved=1")
}

// objectionFile records a 公示 objection.
func (s *module) objectionFile(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	_, campaign, err := s.Review.FileObjection(r.Context(), web.ActorOf(r), id, web.FormStr(r, "text"))
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/campaigns/"+web.Itoa64(campaign)+"?saved=1")
}

// submissionConflict records, from the submission's page, that the pool
// expert named expert_name must not review it.
func (s *module) submissionConflict(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := s.Review.AddSubmissionConflict(r.Context(), web.ActorOf(r), id, web.FormStr(r, "expert_name"), web.FormStr(r, "reason")); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/submissions/"+web.Itoa64(id)+"?saved=1")
}
