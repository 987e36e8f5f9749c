package activity

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
)

// Half-days of a 学科研修日.
const (
	HalfAM = "am" // 上午
	HalfPM = "pm" // 下午
)

// HalfNames are the Chinese names of the half-days.
var HalfNames = map[string]string{HalfAM: "上午", HalfPM: "下午"}

// halfHours are the clock times a half-day activity runs by default.
var halfHours = map[string][2]string{HalfAM: {"08:30", "11:30"}, HalfPM: {"14:00", "17:00"}}

// WeekdayNames are the Chinese names of weekdays 1 (周一) .. 7 (周日).
var WeekdayNames = []string{"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"}

// StudyDay is a region's 学科研修日: the subject's weekday (1 周一 .. 7 周日)
// and half-day, effective from the school year FromYear until a later
// setting of the same region and subject.
type StudyDay struct {
	ID         int64
	RegionCode string
	RegionName string // filled on read
	RegionPath string
	Subject    string
	Weekday    int
	Half       string
	FromYear   int
	Version    int
	UpdatedBy  string
}

// WeekdayName is the Chinese name of the weekday.
func (d StudyDay) WeekdayName() string {
	if d.Weekday < 1 || d.Weekday > 7 {
		return ""
	}
	return WeekdayNames[d.Weekday]
}

// HalfName is the Chinese name of the half-day.
func (d StudyDay) HalfName() string { return HalfNames[d.Half] }

// Label is how the calendar names the day: 数学研修日（周三下午）.
func (d StudyDay) Label() string {
	return fmt.Sprintf("%s研修日（%s%s）", d.Subject, d.WeekdayName(), d.HalfName())
}

// FromYearName is the first school year the setting applies to: 2025学年.
func (d StudyDay) FromYearName() string { return strconv.Itoa(d.FromYear) + "学年" }

func (d *StudyDay) validate() error {
	d.Subject = strings.TrimSpace(d.Subject)
	switch {
	case d.Subject == "" || utf8.RuneCountInString(d.Subject) > 20:
		return app.Invalid("subject", "请填写学科（不超过 20 字），如 数学")
	case d.Weekday < 1 || d.Weekday > 7:
		return app.Invalid("weekday", "请选择星期")
	case HalfNames[d.Half] == "":
		return app.Invalid("half", "请选择上午或下午")
	case d.FromYear < 2000 || d.FromYear > 2100:
		return app.Invalid("from_year", "请选择起始学年")
	}
	e, ok := dict.Lookup(dict.TableSubject, d.Subject)
	if !ok {
		return app.Invalid("subject", "没有这个学科：%s", d.Subject)
	}
	d.Subject = e.Name
	return nil
}

func (d StudyDay) snapshot() audit.Snapshot {
	return audit.Snapshot{"学科": d.Subject, "星期": d.WeekdayName(), "时段": d.HalfName(), "起始学年": d.FromYearName(),
		audit.VersionKey: strconv.Itoa(max(1, d.Version))}
}

// SaveStudyDay sets a 学科研修日 of the actor's own region: only a city or
// county office (教育局 or 教研室) may. d.ID 0 adds a setting (one per
// subject and starting school year); otherwise d.ID is changed at its
// version d.Version (ECONFLICT when stale). Returns the setting's id.
func (s *Service) SaveStudyDay(ctx context.Context, actor app.Actor, d StudyDay) (int64, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	if err := d.validate(); err != nil {
		return 0, err
	}
	at := s.now().UnixMilli()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var kind string
		err := tx.QueryRow(ctx, `SELECT o.kind, o.region_code, g.path FROM orgs o JOIN regions g ON g.code = o.region_code WHERE o.id = ?`,
			actor.OrgID).Scan(&kind, &d.RegionCode, &d.RegionPath)
		if db.IsNoRows(err) || (err == nil && kind != org.KindBureau && kind != org.KindResearchOffice) {
			return app.Errorf(app.EFORBIDDEN, "学科研修日由市、县（区）教育局或教研室设定")
		}
		if err != nil {
			return err
		}
		var other int64
		err = tx.QueryRow(ctx, "SELECT id FROM activity_study_days WHERE region_code = ? AND subject = ? AND from_year = ?",
			d.RegionCode, d.Subject, d.FromYear).Scan(&other)
		if err == nil && other != d.ID {
			return app.Invalid("subject", "本区域%s从%d学年起已有研修日设定，请修改那一条", d.Subject, d.FromYear)
		}
		if err != nil && !db.IsNoRows(err) {
			return err
		}
		if d.ID == 0 {
			d.Version = 1
			if d.ID, err = tx.InsertID(ctx, `INSERT INTO activity_study_days (region_code, region_path, subject, weekday, half, from_year,
				updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.RegionCode, d.RegionPath, d.Subject, d.Weekday,
				d.Half, d.FromYear, actor.Username, at); err != nil {
				return err
			}
			return record(ctx, tx, actor, "study_day.save", "study_day", d.ID, "设定学科研修日："+d.Label(), nil, d.snapshot())
		}
		old, err := studyDayByID(ctx, tx, d.ID)
		if db.IsNoRows(err) || (err == nil && old.RegionCode != d.RegionCode) {
			return app.Errorf(app.ENOTFOUND, "找不到该研修日设定，或它不属于本区域")
		}
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE activity_study_days SET subject = ?, weekday = ?, half = ?, from_year = ?, version = version + 1,
			updated_by = ?, updated_at = ? WHERE id = ? AND version = ?`, d.Subject, d.Weekday, d.Half, d.FromYear, actor.Username, at, d.ID, d.Version)
		var n int64
		if err == nil {
			n, err = res.RowsAffected()
		}
		if err == nil && n == 0 {
			return app.Errorf(app.ECONFLICT, "该设定已被他人修改，请刷新后重试")
		}
		if err != nil {
			return err
		}
		after := d
		after.Version++
		return record(ctx, tx, actor, "study_day.save", "study_day", d.ID, "修改学科研修日："+d.Label(), old.snapshot(), after.snapshot())
	})
	return d.ID, err
}

const studyDayCols = `d.id, d.region_code, r.name, d.region_path, d.subject, d.weekday, d.half, d.from_year, d.version, d.updated_by`

func scanStudyDay(row interface{ Scan(...any) error }) (StudyDay, error) {
	var d StudyDay
	err := row.Scan(&d.ID, &d.RegionCode, &d.RegionName, &d.RegionPath, &d.Subject, &d.Weekday, &d.Half, &d.FromYear, &d.Version, &d.UpdatedBy)
	return d, err
}

func studyDayByID(ctx context.Context, tx *db.Tx, id int64) (StudyDay, error) {
	return scanStudyDay(tx.QueryRow(ctx, "SELECT "+studyDayCols+" FROM activity_study_days d JOIN regions r ON r.code = d.region_code WHERE d.id = ?", id))
}

// StudyDays are the 学科研修日 settings that apply to the actor: those of
// the actor's region and of the regions above it, nearest region first,
// then by subject and starting year.
func (s *Service) StudyDays(ctx context.Context, actor app.Actor) ([]StudyDay, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]StudyDay, error) { return studyDaysOver(ctx, tx, actor.OrgPath) })
}

// StudyDayByID is one setting the actor's region follows.
func (s *Service) StudyDayByID(ctx context.Context, actor app.Actor, id int64) (StudyDay, error) {
	list, err := s.StudyDays(ctx, actor)
	for _, d := range list {
		if d.ID == id {
			return d, err
		}
	}
	if err == nil {
		err = app.Errorf(app.ENOTFOUND, "找不到该研修日设定")
	}
	return StudyDay{}, err
}

// studyDaysOver are the settings of the regions on path (an organisation
// or region path), nearest first.
func studyDaysOver(ctx context.Context, tx *db.Tx, path string) ([]StudyDay, error) {
	anc := ancestors(path)
	if len(anc) == 0 {
		return nil, nil
	}
	args := make([]any, len(anc))
	for i, p := range anc {
		args[i] = p
	}
	rows, err := tx.Query(ctx, "SELECT "+studyDayCols+` FROM activity_study_days d JOIN regions r ON r.code = d.region_code
		WHERE d.region_path IN (`+db.In(len(anc))+`) ORDER BY LENGTH(d.region_path) DESC, d.subject, d.from_year DESC, d.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StudyDay
	for rows.Next() {
		d, err := scanStudyDay(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// effective is, per subject, the setting that applies in school year year:
// the nearest region's, of the latest starting year not after year. list
// is nearest region first, later years first within a region.
func effective(list []StudyDay, year int) map[string]StudyDay {
	out := map[string]StudyDay{}
	region := map[string]string{} // subject -> the region that decides it
	for _, d := range list {
		if r, ok := region[d.Subject]; ok && r != d.RegionCode {
			continue
		}
		region[d.Subject] = d.RegionCode
		if _, done := out[d.Subject]; !done && d.FromYear <= year {
			out[d.Subject] = d
		}
	}
	return out
}

// StudyDaysBetween marks the days [from, to) (YYYY-MM-DD) that are a
// 学科研修日 for the actor's region: date -> the days' settings, by subject.
func (s *Service) StudyDaysBetween(ctx context.Context, actor app.Actor, from, to string) (map[string][]StudyDay, error) {
	list, err := s.StudyDays(ctx, actor)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	start, err1 := time.ParseInLocation(time.DateOnly, from, CST)
	end, err2 := time.ParseInLocation(time.DateOnly, to, CST)
	if err1 != nil || err2 != nil {
		return nil, app.Invalid("month", "日期格式应为 2025-09-01")
	}
	out := map[string][]StudyDay{}
	byYear := map[int]map[string]StudyDay{}
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		y := dict.SchoolYearOf(d)
		if byYear[y] == nil {
			byYear[y] = effective(list, y)
		}
		wd := (int(d.Weekday())+6)%7 + 1
		for _, sd := range sortedDays(byYear[y]) {
			if sd.Weekday == wd {
				out[d.Format(time.DateOnly)] = append(out[d.Format(time.DateOnly)], sd)
			}
		}
	}
	return out, nil
}

func sortedDays(m map[string]StudyDay) []StudyDay {
	out := make([]StudyDay, 0, len(m))
	for _, d := range m {
		out = append(out, d)
	}
	for i := 1; i < len(out); i++ { // few subjects: insertion sort by half, then subject
		for j := i; j > 0 && (out[j].Half < out[j-1].Half || out[j].Half == out[j-1].Half && out[j].Subject < out[j-1].Subject); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// NextStudyDay is the next 学科研修日 half-day of subject for the actor's
// region that has not begun at after: its start and end (TimeLayout).
// ok is false when the region sets no 研修日 for the subject.
func (s *Service) NextStudyDay(ctx context.Context, actor app.Actor, subject string, after time.Time) (starts, ends string, ok bool, err error) {
	e, known := dict.Lookup(dict.TableSubject, strings.TrimSpace(subject))
	if !known {
		return "", "", false, nil
	}
	subject = e.Name
	list, err := s.StudyDays(ctx, actor)
	if err != nil {
		return "", "", false, err
	}
	after = after.In(CST)
	day := time.Date(after.Year(), after.Month(), after.Day(), 0, 0, 0, 0, CST)
	for i := 0; i < 15; i++ {
		d := day.AddDate(0, 0, i)
		sd, has := effective(list, dict.SchoolYearOf(d))[subject]
		if !has || sd.Weekday != (int(d.Weekday())+6)%7+1 {
			continue
		}
		h := halfHours[sd.Half]
		starts, ends = d.Format(time.DateOnly)+" "+h[0], d.Format(time.DateOnly)+" "+h[1]
		if at, _ := time.ParseInLocation(TimeLayout, starts, CST); at.After(after) {
			return starts, ends, true, nil
		}
	}
	return "", "", false, nil
}

// FirstSubject is the first of a list of subjects typed as 数学、语文 or
// 数学,语文 or 数学 语文.
func FirstSubject(list string) string {
	f := strings.FieldsFunc(list, func(r rune) bool { return strings.ContainsRune(" ,，、;；/", r) })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
