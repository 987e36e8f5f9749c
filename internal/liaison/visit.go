package liaison

import (
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
)

// Visit purposes (到校事由).
const (
	PurposeLiaison    = "liaison"    // 联系学校
	PurposeStation    = "station"    // 蹲点
	PurposeInspection = "inspection" // 视导
	PurposeService    = "service"    // 送教
	PurposeStint      = "stint"      // 下校任教
	PurposeOther      = "other"
)

// PurposeNames are the Chinese names of visit purposes.
var PurposeNames = map[string]string{
	PurposeLiaison: "联系学校", PurposeStation: "蹲点", PurposeInspection: "视导", PurposeService: "送教",
	PurposeStint: "下校任教", PurposeOther: "其他",
}

// PhaseNames are the 蹲点视导 visit phases.
var PhaseNames = map[string]string{"opening": "期初", "midterm": "期中", "final": "期末"}

// Visit is a researcher's (or a team's) time at a school: the record every
// module that sends researchers into schools writes, and that the workload
// card, liaison on-site days and station coverage are counted from.
type Visit struct {
	ID              int64
	ResearcherID    int64
	ResearcherName  string
	SchoolID        int64
	SchoolName      string
	SchoolPath      string
	Purpose         string
	StartDate       string // YYYY-MM-DD
	EndDate         string
	Days            int // on-site days; defaults to the calendar days from start to end
	Term            dict.Term
	LessonsObserved int // 听课节数
	DemoLessons     int // 示范课节数
	Meetings        int // 评课、座谈、讲座次数
	Notes           string
	Members         []org.Member // team members who came along
	LinkID          int64
	StationID       int64
	StationPhase    string
	Version         int
}

// PurposeName is the Chinese purpose.
func (v Visit) PurposeName() string { return PurposeNames[v.Purpose] }

// PhaseName is the Chinese station phase.
func (v Visit) PhaseName() string { return PhaseNames[v.StationPhase] }

func (v Visit) snapshot() audit.Snapshot {
	return audit.Snapshot{"教研员": v.ResearcherName, "学校": v.SchoolName, "事由": v.PurposeName(),
		"日期": v.StartDate + " 至 " + v.EndDate, "在校天数": itoa(v.Days), "听课": itoa(v.LessonsObserved),
		"示范课": itoa(v.DemoLessons), "评课座谈": itoa(v.Meetings), "阶段": v.PhaseName(), "备注": v.Notes,
		audit.VersionKey: itoa(v.Version)}
}

// Validate checks a visit as a form gives it and fills Days when blank.
func (v *Visit) Validate(today time.Time) error {
	v.Notes = strings.TrimSpace(v.Notes)
	if PurposeNames[v.Purpose] == "" {
		return app.Invalid("purpose", "请选择到校事由")
	}
	if v.SchoolID == 0 {
		return app.Invalid("school_id", "请选择学校")
	}
	start, err1 := time.Parse("2006-01-02", v.StartDate)
	if v.EndDate == "" {
		v.EndDate = v.StartDate
	}
	end, err2 := time.Parse("2006-01-02", v.EndDate)
	switch {
	case err1 != nil:
		return app.Invalid("start_date", "请填写到校日期，如 2025-09-01")
	case err2 != nil || end.Before(start):
		return app.Invalid("end_date", "离校日期不能早于到校日期")
	case start.After(today.AddDate(0, 0, 1)):
		return app.Invalid("start_date", "不能记录未来的到校")
	}
	span := int(end.Sub(start).Hours()/24) + 1
	if v.Days == 0 {
		v.Days = span
	}
	return v.validateCounts(span)
}

func (v *Visit) validateCounts(span int) error {
	switch {
	case v.Days < 1 || v.Days > span:
		return app.Invalid("days", "在校天数应在 1 到 %d 天之间", span)
	case v.LessonsObserved < 0 || v.LessonsObserved > 12*v.Days:
		return app.Invalid("lessons_observed", "听课节数应在 0 到 %d 之间（每天至多 12 节）", 12*v.Days)
	case v.DemoLessons < 0 || v.DemoLessons > 4*v.Days:
		return app.Invalid("demo_lessons", "示范课节数不合理")
	case v.Meetings < 0:
		return app.Invalid("meetings", "评课座谈次数不能为负数")
	case v.StationPhase != "" && PhaseNames[v.StationPhase] == "":
		return app.Invalid("station_phase", "蹲点阶段应为 期初、期中 或 期末")
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
