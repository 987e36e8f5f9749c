package training

import (
	"math"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/credit"
)

// Claim stages (审核环节): the school approves first, then the county.
const (
	StageSchool   = "school"   // 待学校审核
	StageCounty   = "county"   // 待县级审核
	StageApproved = "approved" // 已认定
	StageReturned = "returned" // 退回
)

// StageNames are the Chinese names of the stages.
var StageNames = map[string]string{StageSchool: "待学校审核", StageCounty: "待县级审核", StageApproved: "已认定",
	StageReturned: "退回"}

// CertificateFiles are the certificates a claim carries.
var CertificateFiles = attach.Kind{Code: "claim", Name: "培训证书", MaxSize: 10 << 20, Types: []string{"jpeg", "png", "pdf"}}

// Claim is a teacher's 学分认定申请 for outside training: the item as the
// ledger holds it (pending until the county approves), the organiser and
// dates, and where the approval stands.
type Claim struct {
	ID           int64
	EntryID      int64
	PersonID     int64
	PersonName   string
	OrgID        int64
	OrgName      string
	Category     string
	CategoryName string
	Level        string
	Title        string
	Hours        float64
	Credits      float64
	SchoolYear   int
	Organiser    string
	StartDate    string
	EndDate      string
	Stage        string
	Reason       string // 退回理由
	SchoolBy     string
	CountyBy     string
	Version      int
	CreatedAt    int64
	Files        []attach.Attachment // filled by FindClaimByID
}

// StageName is the Chinese name of the claim's stage.
func (c Claim) StageName() string { return StageNames[c.Stage] }

// Validate checks a claim as the teacher fills it in on today.
func (c *Claim) Validate(today time.Time) error {
	c.Title, c.Organiser = strings.TrimSpace(c.Title), strings.TrimSpace(c.Organiser)
	start, e1 := time.Parse("2006-01-02", c.StartDate)
	end, e2 := time.Parse("2006-01-02", c.EndDate)
	switch {
	case c.Category == "":
		return app.Invalid("category", "请选择类别")
	case c.Level != "" && credit.LevelNames[c.Level] == "":
		return app.Invalid("level", "级别应为国家级、省级、市级、县级或校级")
	case c.Title == "":
		return app.Invalid("title", "请填写培训项目名称")
	case c.Organiser == "":
		return app.Invalid("organiser", "请填写主办单位")
	case e1 != nil:
		return app.Invalid("start_date", "请填写开始日期，如 2025-09-01")
	case e2 != nil:
		return app.Invalid("end_date", "请填写结束日期，如 2025-09-03")
	case end.Before(start):
		return app.Invalid("end_date", "结束日期不能早于开始日期")
	case end.After(today):
		return app.Invalid("end_date", "培训尚未结束，结束后再申报")
	case math.IsNaN(c.Hours) || c.Hours <= 0 || c.Hours > 1000:
		return app.Invalid("hours", "学时应大于 0 且不超过 1000")
	}
	return nil
}

// ClaimFilter selects claims: Mine for the actor's own, Waiting for those
// at the actor's own approval level, Stage for one stage.
type ClaimFilter struct {
	Mine, Waiting bool
	Stage         string
	Limit, Offset int
}
