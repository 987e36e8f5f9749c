package activityweb

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

type formData struct {
	A          activity.Activity
	IsNew      bool
	Audience   string
	Organiser  string // "org:group:studio" of A
	Organisers []organiserChoice
	Kinds      []activity.Kind
	Modes      map[string]string
	Outcomes   map[string]string
}

type organiserChoice struct{ Value, Name string }

// organiserValue is "org:group:studio", or "org:0:0:team" for a liaison team.
func organiserValue(org, group, studio int64, team ...int64) string {
	if len(team) > 0 && team[0] != 0 {
		return fmt.Sprintf("%d:0:0:%d", org, team[0])
	}
	return fmt.Sprintf("%d:%d:%d", org, group, studio)
}

// formPage renders the activity form, with err at its field when set.
func (s *module) formPage(w http.ResponseWriter, r *http.Request, d formData, err error) {
	ctx, actor := r.Context(), web.ActorOf(r)
	kinds, e := s.Activity.Kinds(ctx)
	var orgs []activity.Organiser
	if e == nil && d.IsNew {
		orgs, e = s.Activity.Organisers(ctx, actor)
	}
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	d.Kinds, d.Modes, d.Outcomes = kinds, activity.ModeNames, activity.OutcomeNames
	for _, o := range orgs {
		d.Organisers = append(d.Organisers, organiserChoice{organiserValue(o.OrgID, o.GroupID, o.StudioID, o.TeamID), o.Name})
	}
	title := "新建教研活动"
	crumbs := []web.Crumb{{Name: "教研活动", URL: "/activities"}}
	if !d.IsNew {
		title = "修改活动方案"
		crumbs = append(crumbs, web.Crumb{Name: d.A.Title, URL: fmt.Sprintf("/activities/%d", d.A.ID)})
	}
	p := web.Page{Title: title, Crumbs: append(crumbs, web.Crumb{Name: title}), Data: d}
	if err != nil {
		web.FormError(w, r, "activity_form", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "activity_form", p)
}

// newForm opens a blank form: the user's own organisation, open sign-up.
// With ?subject= the time is that subject's next 学科研修日 half-day.
func (s *module) newForm(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	d := activity.Activity{SignupMode: activity.ModeOpen, Subjects: r.URL.Query().Get("subject")}
	starts, ends, ok, err := s.Activity.NextStudyDay(r.Context(), a, activity.FirstSubject(d.Subjects), s.now())
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if ok {
		d.StartsAt, d.EndsAt = starts, ends
	}
	s.formPage(w, r, formData{IsNew: true, Audience: activity.AudienceRegion, Organiser: organiserValue(a.OrgID, 0, 0), A: d}, nil)
}

// editForm opens the form of an activity's plan.
func (s *module) editForm(w http.ResponseWriter, r *http.Request) {
	d, _, err := web.ByID(r, s.Activity.FindActivityByID)
	if err == nil && !d.Manage {
		err = app.Errorf(app.EFORBIDDEN, "只有活动组织方可以修改活动方案")
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	aud := activity.AudienceRegion
	if d.AudiencePath == d.OrgPath {
		aud = activity.AudienceOrg
	}
	s.formPage(w, r, formData{A: d.Activity, Audience: aud}, nil)
}

// activityOf reads the form; a number that does not parse is an error at
// its field.
func activityOf(r *http.Request) (activity.Activity, error) {
	a := activity.Activity{Kind: web.FormStr(r, "kind"), Title: web.FormStr(r, "title"), Theme: web.FormStr(r, "theme"),
		Plan: web.FormStr(r, "plan"), StartsAt: localTime(web.FormStr(r, "starts_at")), EndsAt: localTime(web.FormStr(r, "ends_at")),
		Place: web.FormStr(r, "place"), OnlineLink: web.FormStr(r, "online_link"), Subjects: web.FormStr(r, "subjects"),
		Stages: web.FormStr(r, "stages"), SignupMode: web.FormStr(r, "signup_mode"), OutcomeKind: web.FormStr(r, "outcome_kind"),
		OutcomeDue: web.FormStr(r, "outcome_due"), Version: web.FormInt(r, "version")}
	var err error
	if v := web.FormStr(r, "capacity"); v != "" {
		if a.Capacity, err = strconv.Atoi(v); err != nil {
			return a, app.Invalid("capacity", "人数上限应为整数，不限请留空")
		}
	}
	if v := web.FormStr(r, "hours"); v != "" {
		if a.Hours, err = strconv.ParseFloat(v, 64); err != nil {
			return a, app.Invalid("hours", "学时应为数字，如 3 或 1.5")
		}
	}
	parts := strings.Split(web.FormStr(r, "organiser"), ":")
	if len(parts) == 3 || len(parts) == 4 {
		a.OrgID, a.GroupID, a.StudioID = web.ParseID(parts[0]), web.ParseID(parts[1]), web.ParseID(parts[2])
	}
	if len(parts) == 4 {
		a.TeamID = web.ParseID(parts[3])
	}
	return a, nil
}

// localTime accepts a datetime-local value (2025-10-15T14:00) as typed.
func localTime(v string) string { return strings.Replace(v, "T", " ", 1) }

// create saves a new draft and opens it.
func (s *module) create(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	a, err := activityOf(r)
	aud := web.FormStr(r, "audience")
	var id int64
	if err == nil {
		id, err = s.Activity.CreateActivity(r.Context(), web.ActorOf(r), a, aud)
	}
	if err != nil {
		s.formPage(w, r, formData{A: a, IsNew: true, Audience: aud, Organiser: web.FormStr(r, "organiser")}, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/activities/%d?saved=1", id))
}

// update saves the plan at its version.
func (s *module) update(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	a, err := activityOf(r)
	a.ID = id
	aud := web.FormStr(r, "audience")
	if err == nil {
		err = s.Activity.UpdateActivity(r.Context(), web.ActorOf(r), a, aud)
	}
	if err != nil {
		if d, e := s.Activity.FindActivityByID(r.Context(), web.ActorOf(r), id); e != nil || !d.Manage {
			web.Fail(w, r, err)
			return
		}
		s.formPage(w, r, formData{A: a, Audience: aud}, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/activities/%d?saved=1", id))
}

// StartsInput is the start time as a datetime-local input value.
func (d formData) StartsInput() string { return strings.Replace(d.A.StartsAt, " ", "T", 1) }

// EndsInput is the end time as a datetime-local input value.
func (d formData) EndsInput() string { return strings.Replace(d.A.EndsAt, " ", "T", 1) }
