package reviewweb

import (
	"errors"
	"net/http"
	"strconv"

	"jiaoyan/internal/review"

	"jiaoyan/internal/web"
)

// campaignAction runs one organiser's step on the campaign in the path
// and goes back to its page.
func (s *module) campaignAction(w http.ResponseWriter, r *http.Request, act func(r *http.Request, id int64) error) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	if err := act(r, id); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/campaigns/"+web.Itoa64(id)+"?saved=1")
}

// recommend puts the ticked submissions forward at the chosen level.
func (s *module) recommend(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		return s.Review.Recommend(r.Context(), web.ActorOf(r), id, web.FormStr(r, "level"), web.FormIDs(r, "ids"))
	})
}

// contestRound publishes a term's three 比拼 campaigns (方案比拼, 现场展示,
// 成效比拼) on one rubric, run by the stage of the region's rotation.
func (s *module) contestRound(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	a := web.ActorOf(r)
	rubric, err := parseRubric(web.FormStr(r, "rubric"))
	var round int64
	if err == nil {
		c := review.ContestRound{OrgID: a.OrgID, Term: web.FormStr(r, "term"), Reviewers: web.FormInt(r, "reviewers"),
			Rubrics: [3][]review.RubricItem{rubric, rubric, rubric}}
		for i := range c.Dates {
			c.Dates[i] = [2]string{web.FormStr(r, "opens_"+strconv.Itoa(i)), web.FormStr(r, "closes_"+strconv.Itoa(i))}
			c.ReviewDue[i] = web.FormStr(r, "review_due_"+strconv.Itoa(i))
		}
		round, _, err = s.Review.CreateContestRound(r.Context(), a, c)
	}
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/contest-rounds/"+web.Itoa64(round)+"?saved=1")
}

// rubric adds a new version of the campaign's rubric ("指标 满分" lines);
// scores already saved keep theirs.
func (s *module) rubric(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		items, perr := parseRubric(web.FormStr(r, "rubric"))
		if _, err := s.Review.FindCampaignByID(r.Context(), web.ActorOf(r), id); err != nil || perr != nil {
			return errors.Join(err, perr) // scope first: out of reach is not found, whatever was typed
		}
		_, err := s.Review.ReviseRubric(r.Context(), web.ActorOf(r), id, items)
		return err
	})
}

// assign starts the assignment job and shows its page.
func (s *module) assign(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	job, work, err := s.Review.StartAssign(r.Context(), web.ActorOf(r), id)
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.RunJob(r, job, work)
	web.Redirect(w, r, "/jobs/"+web.Itoa64(job))
}

// reassign sends replacements for declined and conflicted tasks.
func (s *module) reassign(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		_, err := s.Review.Reassign(r.Context(), web.ActorOf(r), id)
		return err
	})
}

// aggregate combines the scores and ranks.
func (s *module) aggregate(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		_, err := s.Review.AggregateCampaign(r.Context(), web.ActorOf(r), id)
		return err
	})
}

// publicity opens the 公示 period.
func (s *module) publicity(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		return s.Review.StartPublicity(r.Context(), web.ActorOf(r), id, web.FormStr(r, "from"), web.FormStr(r, "to"))
	})
}

// finalize fixes the final list and issues the certificates.
func (s *module) finalize(w http.ResponseWriter, r *http.Request) {
	s.campaignAction(w, r, func(r *http.Request, id int64) error {
		_, err := s.Review.Finalize(r.Context(), web.ActorOf(r), id)
		return err
	})
}

// objectionResolve records the organiser's answer to an objection.
func (s *module) objectionResolve(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	campaign, err := s.Review.ResolveObjection(r.Context(), web.ActorOf(r), id, web.FormStr(r, "result") == "upheld", web.FormStr(r, "reply"))
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/campaigns/"+web.Itoa64(campaign)+"?saved=1")
}
