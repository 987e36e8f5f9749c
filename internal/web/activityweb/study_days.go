package activityweb

import (
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
)

type studyDayData struct {
	Days     []activity.StudyDay
	Edit     activity.StudyDay // the setting in the form (ID 0: a new one)
	Weekdays []string          // index 1..7
	Halves   map[string]string
	Years    []int
}

// studyDayPage lists the 学科研修日 settings the user's region follows, with
// the form to add one or change one of the user's own region (?edit=id).
func (s *module) studyDayPage(w http.ResponseWriter, r *http.Request, edit activity.StudyDay, err error) {
	days, e := s.Activity.StudyDays(r.Context(), web.ActorOf(r))
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	year := dict.SchoolYearOf(s.now().In(activity.CST))
	if edit.FromYear == 0 {
		edit.FromYear = year
	}
	d := studyDayData{Days: days, Edit: edit, Weekdays: activity.WeekdayNames, Halves: activity.HalfNames}
	for y := year - 1; y <= year+2; y++ {
		d.Years = append(d.Years, y)
	}
	p := web.PageData("学科研修日", d)
	if err != nil {
		web.FormError(w, r, "activity_study_days", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "activity_study_days", p)
}

func (s *module) studyDays(w http.ResponseWriter, r *http.Request) {
	var edit activity.StudyDay
	if id := web.ParseID(r.URL.Query().Get("edit")); id != 0 {
		var err error
		if edit, err = s.Activity.StudyDayByID(r.Context(), web.ActorOf(r), id); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	s.studyDayPage(w, r, edit, nil)
}

// studyDaySave adds or changes a setting of the user's region.
func (s *module) studyDaySave(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	d := activity.StudyDay{ID: web.FormInt64(r, "id"), Version: web.FormInt(r, "version"), Subject: web.FormStr(r, "subject"),
		Weekday: web.FormInt(r, "weekday"), Half: web.FormStr(r, "half"), FromYear: web.FormInt(r, "from_year")}
	if _, err := s.Activity.SaveStudyDay(r.Context(), web.ActorOf(r), d); err != nil {
		s.studyDayPage(w, r, d, err)
		return
	}
	web.Redirect(w, r, "/activities/study-days?saved=1")
}
