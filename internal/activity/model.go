package activity

import (
	"strings"
	"time"
	"unicode/utf8"

	"jiaoyan/internal/app"
)

// States of an activity (活动状态), in lifecycle order.
const (
	StateDraft     = "draft"     // 草稿
	StatePublished = "published" // 已发布
	StateRunning   = "running"   // 进行中: the first check-in moves a published activity here
	StateEnded     = "ended"     // 已结束
	StateSubmitted = "submitted" // 成果已提交
	StateArchived  = "archived"  // 已归档: the office approved the outcome
)

// StateNames are the Chinese names of the states.
var StateNames = map[string]string{StateDraft: "草稿", StatePublished: "已发布", StateRunning: "进行中", StateEnded: "已结束",
	StateSubmitted: "成果已提交", StateArchived: "已归档"}

// Sign-up modes (报名方式).
const (
	ModeOpen   = "open"   // 公开报名
	ModeInvite = "invite" // 邀请参加
	ModeAssign = "assign" // 指定参加
)

// ModeNames are the Chinese names of the sign-up modes.
var ModeNames = map[string]string{ModeOpen: "公开报名", ModeInvite: "邀请参加", ModeAssign: "指定参加"}

// Outcome kinds (活动成果).
const (
	OutcomeCase   = "case"   // 教研案例
	OutcomeReport = "report" // 研究报告
)

// OutcomeNames are the Chinese names of the outcome kinds.
var OutcomeNames = map[string]string{OutcomeCase: "教研案例", OutcomeReport: "研究报告"}

// TimeLayout is how activity times are written and stored (local, CST).
const TimeLayout = "2006-01-02 15:04"

// CST is the time zone activity times are in.
var CST = time.FixedZone("CST", 8*3600)

// Activity is one 教研活动: organised by an office or school (OrgID), or a
// teaching group (GroupID) or studio (StudioID) of one, of a kind from the
// code table, with its theme (活动主题, required to publish), 活动方案,
// time, place or online link, audience and capacity (0: no limit), the
// sign-up mode, the 学时 attendance earns, and the outcome (教研案例 or
// 研究报告) due afterwards.
type Activity struct {
	ID           int64
	RegionCode   string
	OrgID        int64
	OrgPath      string
	GroupID      int64
	StudioID     int64
	TeamID       int64   // a liaison team (联系组) organising it, 0 if none
	team         []int64 // the team's researcher and members, by loadActivity
	Organiser    string  // name of the organising office, school, group or studio
	Kind         string
	KindName     string // filled on read
	Title        string
	Theme        string
	Plan         string
	StartsAt     string // TimeLayout
	EndsAt       string
	Place        string
	OnlineLink   string
	AudiencePath string
	AudienceName string
	Subjects     string
	Stages       string
	Capacity     int
	SignupMode   string
	Hours        float64
	OutcomeKind  string
	OutcomeDue   string // YYYY-MM-DD
	Record       string // 活动记录
	Outcome      string // the submitted 教研案例 or 研究报告
	ReviewNote   string // 退回理由
	State        string
	SignUps      int
	Attended     int
	SchoolYear   int
	Half         int
	OwnerUserID  int64
	Version      int
	CreatedBy    string
}

// StateName is the Chinese name of the activity's state.
func (a Activity) StateName() string { return StateNames[a.State] }

// ModeName is the Chinese name of the sign-up mode.
func (a Activity) ModeName() string { return ModeNames[a.SignupMode] }

// OutcomeName is the Chinese name of the required outcome.
func (a Activity) OutcomeName() string { return OutcomeNames[a.OutcomeKind] }

// Date is the activity's start date, YYYY-MM-DD.
func (a Activity) Date() string { return a.StartsAt[:min(10, len(a.StartsAt))] }

// Window is the activity's time as a check-in window [opens, closes).
func (a Activity) Window() (opens, closes time.Time) {
	opens, _ = time.ParseInLocation(TimeLayout, a.StartsAt, CST)
	closes, _ = time.ParseInLocation(TimeLayout, a.EndsAt, CST)
	return opens, closes
}

// Full reports whether the capacity is reached.
func (a Activity) Full() bool { return a.Capacity > 0 && a.SignUps >= a.Capacity }

// Validate checks what a draft needs; the messages name the field.
func (a *Activity) Validate() error {
	for _, p := range []*string{&a.Title, &a.Theme, &a.Plan, &a.Place, &a.OnlineLink, &a.StartsAt, &a.EndsAt, &a.OutcomeDue} {
		*p = strings.TrimSpace(*p)
	}
	s, err1 := time.ParseInLocation(TimeLayout, a.StartsAt, CST)
	e, err2 := time.ParseInLocation(TimeLayout, a.EndsAt, CST)
	switch {
	case a.Title == "":
		return app.Invalid("title", "请填写活动名称")
	case utf8.RuneCountInString(a.Title) > 100:
		return app.Invalid("title", "活动名称不能超过 100 个字")
	case a.Kind == "":
		return app.Invalid("kind", "请选择活动类型")
	case err1 != nil:
		return app.Invalid("starts_at", "请填写开始时间，如 2025-10-15 14:00")
	case err2 != nil:
		return app.Invalid("ends_at", "请填写结束时间，如 2025-10-15 16:30")
	case !e.After(s):
		return app.Invalid("ends_at", "结束时间应晚于开始时间")
	case e.Sub(s) > 7*24*time.Hour:
		return app.Invalid("ends_at", "一次活动不能超过 7 天")
	}
	if err := normaliseAudience(a); err != nil {
		return err
	}
	return a.validateRest()
}

func (a *Activity) validateRest() error {
	_, dueErr := time.Parse(time.DateOnly, a.OutcomeDue)
	switch {
	case a.Capacity < 0:
		return app.Invalid("capacity", "人数上限不能为负数")
	case ModeNames[a.SignupMode] == "":
		return app.Invalid("signup_mode", "请选择报名方式")
	case a.Hours < 0 || a.Hours > 100:
		return app.Invalid("hours", "学时应在 0 至 100 之间")
	case a.OnlineLink != "" && !strings.HasPrefix(a.OnlineLink, "https://") && !strings.HasPrefix(a.OnlineLink, "http://"):
		return app.Invalid("online_link", "线上链接应以 https:// 开头")
	case a.OutcomeKind != "" && OutcomeNames[a.OutcomeKind] == "":
		return app.Invalid("outcome_kind", "活动成果应为教研案例或研究报告")
	case a.OutcomeKind != "" && dueErr != nil:
		return app.Invalid("outcome_due", "请填写成果提交截止日期，如 2025-11-30")
	case a.OutcomeKind != "" && a.OutcomeDue < a.Date():
		return app.Invalid("outcome_due", "成果截止日期不能早于活动日期")
	}
	return nil
}

// ReadyToPublish checks what publishing needs beyond a valid draft.
func (a Activity) ReadyToPublish() error {
	switch {
	case a.Theme == "":
		return app.Invalid("theme", "发布前须确定活动主题")
	case a.Plan == "":
		return app.Invalid("plan", "发布前须制订活动方案")
	case a.Place == "" && a.OnlineLink == "":
		return app.Invalid("place", "请填写活动地点或线上链接")
	}
	return nil
}

// SignUp is one person's 报名 to an activity: how they came (self, invited,
// assigned), and their 签到 time (0: not checked in).
type SignUp struct {
	ActivityID  int64
	PersonID    int64
	PersonName  string
	OrgName     string
	How         string
	Cancelled   bool
	CheckedInAt int64 // Unix ms
	CreditID    int64
}

// HowNames are the Chinese names of how a person came to an activity.
var HowNames = map[string]string{"self": "本人报名", "invited": "受邀", "assigned": "指派"}

// HowName is the Chinese name of how the person came.
func (s SignUp) HowName() string { return HowNames[s.How] }

// CheckedIn reports whether the person checked in.
func (s SignUp) CheckedIn() bool { return s.CheckedInAt > 0 }

// CheckInTime is the check-in time as 2025-10-15 14:03, "" when none.
func (s SignUp) CheckInTime() string {
	if s.CheckedInAt == 0 {
		return ""
	}
	return time.UnixMilli(s.CheckedInAt).In(CST).Format(TimeLayout)
}
