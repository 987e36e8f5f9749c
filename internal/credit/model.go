// Package credit is the 学时/学分 ledger (学时学分台账): every credited item
// of a person — a researcher's training hours, a teacher's credits, activity
// attendance — is one Entry with its source. Modules write to it inside their
// own transaction (Add, Record) and read it back (FindEntries, Totals,
// TrainingHours). Evidence files hang on the entry through attach (object
// type ObjectType). The package checks rows, not permissions: the calling
// module enforces permission and data scope before it writes or reads.
package credit

import (
	"math"
	"strings"
	"time"

	"jiaoyan/internal/app"
)

// States of an entry (认定状态).
const (
	StatePending  = "pending"  // 待审核
	StateApproved = "approved" // 已认定
	StateReturned = "returned" // 退回
)

// StateNames are the Chinese names of the states.
var StateNames = map[string]string{StatePending: "待审核", StateApproved: "已认定", StateReturned: "退回"}

// Levels of an item (级别); "" when the item has none.
const (
	LevelNational = "national" // 国家级
	LevelProvince = "province" // 省级
	LevelCity     = "city"     // 市级
	LevelCounty   = "county"   // 县级
	LevelSchool   = "school"   // 校级
)

// LevelNames are the Chinese names of the levels.
var LevelNames = map[string]string{LevelNational: "国家级", LevelProvince: "省级", LevelCity: "市级", LevelCounty: "县级",
	LevelSchool: "校级"}

// Entry is one row of the ledger (学时学分记录): a person's credited item in a
// 学年 (and 学期 Half, 0 when it spans the year), of a category from the
// code table credit_category, with its hours (学时) and the credits (学分)
// converted by the region's rule in force in RuleYear (0: no conversion).
// Source names the writer ("liaison.training", "activity", "program",
// "claim", "import") and SourceID its object there.
type Entry struct {
	ID           int64
	PersonID     int64
	PersonName   string // filled by FindEntries
	SchoolYear   int
	Half         int
	Date         string // YYYY-MM-DD
	Category     string
	CategoryName string // filled by FindEntries
	Group        string // the category's group (GroupTraining …), filled by FindEntries
	Level        string
	Title        string
	Hours        float64
	Credits      float64
	RuleYear     int
	Source       string
	SourceID     int64
	State        string
	Approver     string // username of who decided (认定人), "" while pending
	DecidedAt    int64  // Unix ms
	Note         string // 退回理由 or a remark
	Version      int
	CreatedBy    string
	CreatedAt    int64
}

// maxHours is the most hours one item may carry (a year-long programme).
const maxHours = 1000

// Validate checks an entry before it is written; the messages name the field
// as a user sees it.
func (e *Entry) Validate() error {
	e.Title, e.Category, e.Note = strings.TrimSpace(e.Title), strings.TrimSpace(e.Category), strings.TrimSpace(e.Note)
	_, dateErr := time.Parse("2006-01-02", e.Date)
	switch {
	case e.PersonID <= 0:
		return app.Invalid("person_id", "请选择人员")
	case e.SchoolYear < 2000 || e.SchoolYear > 2100:
		return app.Invalid("school_year", "学年应为 2000 至 2100 之间的年份")
	case e.Half < 0 || e.Half > 2:
		return app.Invalid("half", "学期应为第一学期或第二学期")
	case dateErr != nil:
		return app.Invalid("date", "请填写日期，如 2025-09-01")
	case e.Category == "":
		return app.Invalid("category", "请选择类别")
	case e.Level != "" && LevelNames[e.Level] == "":
		return app.Invalid("level", "级别应为国家级、省级、市级、县级或校级")
	case e.Title == "":
		return app.Invalid("title", "请填写项目名称")
	}
	return e.validateAmounts()
}

func (e *Entry) validateAmounts() error {
	switch {
	case math.IsNaN(e.Hours) || e.Hours < 0:
		return app.Invalid("hours", "学时不能为负数")
	case e.Hours > maxHours:
		return app.Invalid("hours", "单项学时不能超过 1000")
	case math.IsNaN(e.Credits) || e.Credits < 0:
		return app.Invalid("credits", "学分不能为负数")
	case e.Source == "":
		return app.Invalid("source", "请注明记录来源")
	case StateNames[e.State] == "":
		return app.Invalid("state", "认定状态应为待审核、已认定或退回")
	}
	return nil
}

// StateName is the Chinese name of the entry's state.
func (e Entry) StateName() string { return StateNames[e.State] }

// Filter selects entries for FindEntries; zero fields select everything.
type Filter struct {
	PersonID   int64
	SchoolYear int
	Category   string
	Source     string
	State      string
	FromYear   int // with ToYear: 学年 FromYear..ToYear (a cycle)
	ToYear     int
}

// Total is the sum of one person's entries of a category in a 学年.
type Total struct {
	PersonID   int64
	SchoolYear int
	Category   string
	Hours      float64
	Credits    float64
	Count      int
}
