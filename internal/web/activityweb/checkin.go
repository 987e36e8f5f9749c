package activityweb

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/web"
)

type qrData struct {
	A    activity.Activity
	URL  string
	QR   template.URL
	Code string
}

// qr is the venue page of an activity's 签到码: a large QR code of the
// phone check-in page, valid only for this activity during its time.
func (s *module) qr(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, code, err := s.Activity.CheckinCode(r.Context(), web.ActorOf(r), id)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	u := fmt.Sprintf("%s/activities/%d/checkin?code=%s", web.PublicURL(r), id, code)
	png, err := web.QRPNG(u)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := qrData{A: a, URL: u, Code: code, QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))}
	web.Render(w, r, http.StatusOK, "activity_qr", web.Page{Title: "签到二维码", Crumbs: []web.Crumb{{Name: "教研活动", URL: "/activities"},
		{Name: a.Title, URL: fmt.Sprintf("/activities/%d", id)}, {Name: "签到二维码"}}, Data: d})
}

type checkinData struct {
	activity.Detail
	Code string
}

// checkinPage is the phone page a scanned code opens: the activity and one
// button that checks in.
func (s *module) checkinPage(w http.ResponseWriter, r *http.Request, code string, err error) {
	id, e := web.PathID(r)
	var d activity.Detail
	if e == nil {
		d, e = s.Activity.FindActivityByID(r.Context(), web.ActorOf(r), id)
	}
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	p := web.Page{Title: "活动签到", Crumbs: []web.Crumb{{Name: "教研活动", URL: "/activities"}, {Name: "活动签到"}},
		Data: checkinData{Detail: d, Code: code}}
	if err != nil {
		web.FormError(w, r, "activity_checkin", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "activity_checkin", p)
}

func (s *module) checkinForm(w http.ResponseWriter, r *http.Request) {
	s.checkinPage(w, r, r.URL.Query().Get("code"), nil)
}

// checkIn records the check-in and shows one's own record.
func (s *module) checkIn(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	code := web.FormStr(r, "code")
	if _, err := s.Activity.CheckIn(r.Context(), web.ActorOf(r), id, code); err != nil {
		s.checkinPage(w, r, code, err)
		return
	}
	web.Redirect(w, r, "/activities/mine?done=checkin")
}

type mineData struct {
	Activities []activity.Activity
	Attendance []credit.Entry
	Hours      float64
	Terms      []termChoice
}

// mine is one's own record: the term's sign-ups and the 学时 earned by
// attendance.
func (s *module) mine(w http.ResponseWriter, r *http.Request) {
	f := s.filterOf(r)
	f.Mine, f.Limit = true, 200
	pg, err := s.Activity.FindActivities(r.Context(), web.ActorOf(r), f)
	var att []credit.Entry
	if err == nil {
		att, err = s.Activity.MyAttendance(r.Context(), web.ActorOf(r))
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := mineData{Activities: pg.Activities, Attendance: att, Terms: termChoices(f.Term)}
	for _, e := range att {
		d.Hours += e.Hours
	}
	web.Render(w, r, http.StatusOK, "activity_mine", web.Page{Title: "我的活动", Data: d, Flash: doneText[r.URL.Query().Get("done")]})
}
