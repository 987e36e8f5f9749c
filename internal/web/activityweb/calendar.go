package activityweb

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/web"
)

type calDay struct {
	Date       string
	Day        int
	InMonth    bool
	Today      bool
	Weekday    string
	Activities []activity.Activity
	More       template.URL        // the week view (the list, from the week view) when the cell shows only some
	StudyDays  []activity.StudyDay // the 学科研修日 falling on the day
}

// MonthPerDay is how many activities a month cell shows before "更多".
const MonthPerDay = 5

// WeekPerDay is how many activities a day of the week view shows before
// "更多", which opens the activity list at that day.
const WeekPerDay = 20

type calData struct {
	Week             bool
	Mine             bool
	Title            string
	Prev, Next, This template.URL // the neighbouring views
	Weeks            [][]calDay
	Days             []calDay // the week view
}

var weekdays = []string{"周一", "周二", "周三", "周四", "周五", "周六", "周日"}

// calURL is the calendar at query q (dates and mine=1 only, built here).
func calURL(q string) template.URL { return template.URL("/activities/calendar?" + q) }

// monday is the Monday of d's week.
func monday(d time.Time) time.Time { return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)) }

// calendar is the month view (?month=2025-10) or the week view
// (?week=2025-10-13) of the activities in scope, or of one's own sign-ups
// (mine=1).
func (s *module) calendar(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	today := s.now().In(activity.CST)
	d := calData{Mine: q.Get("mine") == "1"}
	mine := ""
	if d.Mine {
		mine = "&mine=1"
	}
	var from, to time.Time
	var month time.Month
	if wk, err := time.ParseInLocation(time.DateOnly, q.Get("week"), activity.CST); err == nil || q.Get("view") == "week" {
		if err != nil {
			wk = today
		}
		d.Week, from = true, monday(wk)
		to = from.AddDate(0, 0, 7)
		d.Title = fmt.Sprintf("%s 至 %s", from.Format(time.DateOnly), to.AddDate(0, 0, -1).Format(time.DateOnly))
		d.Prev, d.Next = calURL("week="+from.AddDate(0, 0, -7).Format(time.DateOnly)+mine), calURL("week="+to.Format(time.DateOnly)+mine)
		d.This = calURL("month=" + from.Format("2006-01") + mine)
	} else {
		m, err := time.ParseInLocation("2006-01", q.Get("month"), activity.CST)
		if err != nil {
			m = time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, activity.CST)
		}
		month, from = m.Month(), monday(m)
		to = monday(m.AddDate(0, 1, 0).AddDate(0, 0, -1)).AddDate(0, 0, 7)
		d.Title = fmt.Sprintf("%d年%d月", m.Year(), m.Month())
		d.Prev, d.Next = calURL("month="+m.AddDate(0, -1, 0).Format("2006-01")+mine), calURL("month="+m.AddDate(0, 1, 0).Format("2006-01")+mine)
		d.This = calURL("week=" + monday(m).Format(time.DateOnly) + mine)
	}
	var list []activity.Activity
	var more map[string]bool
	var err error
	perDay := MonthPerDay // a month cell shows a few, and links the rest to its week
	if d.Week {
		perDay = WeekPerDay
	}
	list, more, err = s.Activity.FindCalendar(r.Context(), web.ActorOf(r), from.Format(time.DateOnly), to.Format(time.DateOnly), d.Mine, perDay)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	marks, err := s.Activity.StudyDaysBetween(r.Context(), web.ActorOf(r), from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	days := dayCells(from, to, month, today, list)
	for i := range days {
		days[i].StudyDays = marks[days[i].Date]
		if more[days[i].Date] {
			day, _ := time.ParseInLocation(time.DateOnly, days[i].Date, activity.CST) // errcheck: the cell's own date, formatted by dayCells
			days[i].More = calURL("week=" + monday(day).Format(time.DateOnly) + mine)
			if d.Week {
				days[i].More = listFrom(day, d.Mine)
			}
		}
	}
	if d.Week {
		d.Days = days
	} else {
		for i := 0; i < len(days); i += 7 {
			d.Weeks = append(d.Weeks, days[i:i+7])
		}
	}
	web.Render(w, r, http.StatusOK, "activity_calendar", web.PageData("活动日历", d))
}

// listFrom is the activity list of day's 学期 from day on (mine: one's
// own sign-ups), where a full day of the week view continues.
func listFrom(day time.Time, mine bool) template.URL {
	t := dict.TermOf(day)
	q := url.Values{"term": {fmt.Sprintf("%d-%d", t.Year, t.Half)}, "after": {db.PageKey{Text: day.Format(time.DateOnly)}.Encode()}}
	if mine {
		q.Set("mine", "1")
	}
	return template.URL("/activities?" + q.Encode())
}

// dayCells are the days [from, to) with their activities.
func dayCells(from, to time.Time, month time.Month, today time.Time, list []activity.Activity) []calDay {
	byDay := map[string][]activity.Activity{}
	for _, a := range list {
		byDay[a.Date()] = append(byDay[a.Date()], a)
	}
	var out []calDay
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		key := d.Format(time.DateOnly)
		out = append(out, calDay{Date: key, Day: d.Day(), InMonth: month == 0 || d.Month() == month, Today: key == today.Format(time.DateOnly),
			Weekday: weekdays[(int(d.Weekday())+6)%7], Activities: byDay[key]})
	}
	return out
}

// ics sends all one's own sign-ups of the window the calendar page names
// (the last six months and the next year, 近半年及未来一年) as an
// iCalendar file.
func (s *module) ics(w http.ResponseWriter, r *http.Request) {
	now := s.now().In(activity.CST)
	list, err := s.Activity.FindMineBetween(r.Context(), web.ActorOf(r), now.AddDate(0, -6, 0).Format(time.DateOnly),
		now.AddDate(1, 0, 0).Format(time.DateOnly))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="my-activities.ics"; filename*=UTF-8''%E6%88%91%E7%9A%84%E6%B4%BB%E5%8A%A8.ics`)
	w.Write([]byte(ICS(list, web.PublicURL(r), now))) // errcheck: the client went away; nothing to tell it
}

// ICS is list as an iCalendar (RFC 5545) file: one VEVENT per activity, in
// UTC, texts escaped and lines folded at 75 octets. site is the site's
// public address (web.PublicURL): it names the events and links them.
func ICS(list []activity.Activity, site string, stamp time.Time) string {
	host := "jiaoyan"
	if u, err := url.Parse(site); err == nil && u.Host != "" {
		host = u.Host
	}
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//jiaoyan//教研平台//ZH", "CALSCALE:GREGORIAN"}
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	for _, a := range list {
		opens, closes := a.Window()
		place := a.Place
		if place == "" {
			place = a.OnlineLink
		}
		lines = append(lines, "BEGIN:VEVENT", fmt.Sprintf("UID:activity-%d@%s", a.ID, host), "DTSTAMP:"+utc(stamp),
			"DTSTART:"+utc(opens), "DTEND:"+utc(closes), "SUMMARY:"+icsText(a.Title), "LOCATION:"+icsText(place),
			"DESCRIPTION:"+icsText(a.Organiser+"。主题："+a.Theme))
		if site != "" {
			lines = append(lines, fmt.Sprintf("URL:%s/activities/%d", site, a.ID))
		}
		lines = append(lines, "END:VEVENT")
	}
	lines = append(lines, "END:VCALENDAR")
	for i, l := range lines {
		lines[i] = fold(l)
	}
	return strings.Join(lines, "\r\n") + "\r\n"
}

func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`).Replace(s)
}

// fold splits a content line into 75-octet pieces (never inside a UTF-8
// character), continued lines starting with a space.
func fold(line string) string {
	var parts []string
	for {
		cut := 75
		if len(parts) > 0 {
			cut = 74 // the leading space counts
		}
		if len(line) <= cut {
			break
		}
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		parts, line = append(parts, line[:cut]), line[cut:]
	}
	return strings.Join(append(parts, line), "\r\n ")
}
