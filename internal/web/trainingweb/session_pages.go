package trainingweb

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

func (m *module) routesSessions() []web.Route {
	return []web.Route{
		{Method: "POST", Pattern: "/programs/{id}/sessions", Handler: m.sessionAdd, Perm: training.PermProgramManage,
			Object: "program", Audited: true},
		{Method: "GET", Pattern: "/programs/checkin", Handler: m.checkInForm, Perm: training.PermCreditView},
		{Method: "POST", Pattern: "/programs/checkin", Handler: m.checkIn, Perm: training.PermCreditView, Audited: true},
	}
}

// sessionRow is a session as the program page shows it, with its QR code
// for the managers.
type sessionRow struct {
	training.Session
	QR template.URL
}

// sessionsOf reads the program's sessions with the QR of each code: the
// check-in page's address on this site.
func (m *module) sessionsOf(r *http.Request, id int64) ([]sessionRow, error) {
	ss, err := m.Svc.FindSessions(r.Context(), web.ActorOf(r), id)
	var out []sessionRow
	for _, s := range ss {
		row := sessionRow{Session: s}
		if s.Code != "" {
			if png, err := web.QRPNG(web.PublicURL(r) + "/programs/checkin?code=" + url.QueryEscape(s.Code)); err == nil {
				row.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
			}
		}
		out = append(out, row)
	}
	return out, err
}

// sessionAdd adds a session on a date from a time to a time (China time).
func (m *module) sessionAdd(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if !web.ParseForm(w, r) {
		return
	}
	cst := time.FixedZone("CST", 8*3600)
	day := web.FormStr(r, "date")
	starts, err1 := time.ParseInLocation("2006-01-02 15:04", day+" "+web.FormStr(r, "start"), cst)
	ends, err2 := time.ParseInLocation("2006-01-02 15:04", day+" "+web.FormStr(r, "end"), cst)
	if err1 != nil || err2 != nil { // the service refuses the zero times with its message, after its scope check
		starts, ends = time.Time{}, time.Time{}
	}
	if _, err := m.Svc.AddSession(r.Context(), web.ActorOf(r), id, web.FormStr(r, "title"), starts, ends); err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/programs/"+web.Itoa64(id)+"?saved=1")
}

// checkInForm is where a scanned code lands: one button to check in.
func (m *module) checkInForm(w http.ResponseWriter, r *http.Request) {
	web.Render(w, r, http.StatusOK, "program_checkin", web.Page{Title: "培训签到", Data: r.URL.Query().Get("code")})
}

// checkIn records the attendance the code names.
func (m *module) checkIn(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	s, err := m.Svc.CheckIn(r.Context(), web.ActorOf(r), web.FormStr(r, "code"))
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/programs/"+web.Itoa64(s.ProgramID)+"?saved=1")
}
