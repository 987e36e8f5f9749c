// Package rectify is the 整改闭环: a rectification loop attached to any
// finding (a quality warning now, a supervision finding later), which the
// school the finding is about runs through 二次解读, 问题调研, 整改方案
// (measures, each with an owner and a due date), 整改落实 (evidence per
// measure), and which the county closes in 整改跟踪 or sends back. States
// and due dates drive 待办 (and so their reminders); the county's list puts
// overdue loops first. The owning module opens a loop inside its own
// transaction and shows beside the review what it knows (the next exam's
// result on the same metric); this package knows nothing of its owners.
package rectify

import (
	"strings"
	"time"

	"jiaoyan/internal/app"
)

// Loop states (整改状态), in order.
const (
	StatusInterpret   = "interpret"   // 待二次解读
	StatusInvestigate = "investigate" // 待问题调研
	StatusPlan        = "plan"        // 待制定整改方案
	StatusImplement   = "implement"   // 整改落实中
	StatusReview      = "review"      // 待复核（整改跟踪）
	StatusClosed      = "closed"      // 已办结
)

// StatusNames are the Chinese names of the states.
var StatusNames = map[string]string{StatusInterpret: "待二次解读", StatusInvestigate: "待问题调研", StatusPlan: "待制定整改方案",
	StatusImplement: "整改落实中", StatusReview: "待复核", StatusClosed: "已办结"}

// Loop 整改: one finding's rectification by one school.
type Loop struct {
	ID             int64
	OwnerKind      string // e.g. "quality_warning"
	OwnerID        int64
	OrgID          int64 // the school that rectifies
	OrgName        string
	OrgPath        string
	Title          string
	Status         string
	Due            string // 整改期限, 2006-01-02
	Interpretation string // 二次解读
	Investigation  string // 问题调研
	Measures       []Measure
	ReviewNote     string // 整改跟踪意见
	ReviewedBy     string
	ReviewedAt     int64
	CreatedAt      int64
	Version        int
}

// Measure 整改措施: what will be done, by whom, by when, and the evidence.
type Measure struct {
	ID       int64
	Content  string
	Owner    string // 责任人
	Due      string // 2006-01-02
	Evidence string // 整改落实
	DoneAt   int64
}

// Overdue reports whether an open loop is past its due date on day today.
func (l Loop) Overdue(today string) bool { return l.Status != StatusClosed && l.Due < today }

// StatusName is the state's Chinese name.
func (l Loop) StatusName() string { return StatusNames[l.Status] }

// OpenInput opens a loop for a finding.
type OpenInput struct {
	OwnerKind string
	OwnerID   int64
	OrgID     int64
	Title     string
	Due       string
}

func validDate(field, s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return app.Invalid(field, "日期应写成 2025-09-01 的样子")
	}
	return nil
}

// Validate checks an OpenInput.
func (in OpenInput) Validate() error {
	switch {
	case in.OwnerKind == "" || in.OwnerID == 0 || in.OrgID == 0:
		return app.Invalid("owner", "整改必须对应一项问题和一个单位")
	case strings.TrimSpace(in.Title) == "":
		return app.Invalid("title", "整改事项不能为空")
	}
	return validDate("due", in.Due)
}

// Validate checks a measure of a plan.
func (m Measure) Validate() error {
	switch {
	case strings.TrimSpace(m.Content) == "":
		return app.Invalid("measures", "整改措施不能为空")
	case strings.TrimSpace(m.Owner) == "":
		return app.Invalid("measures", "每项措施都要写明责任人")
	}
	return validDate("measures", m.Due)
}
