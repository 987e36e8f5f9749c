// Package quality is 质量监测: exams as data (考试, with their papers and
// participating schools), score imports that replace a subject whole or not
// at all, analyses by the engine in quality/analysis stored as reports whose
// records pages read without recomputing, and the privacy rules around
// student records (未成年人学校保护规定, DESIGN §6). Every method enforces
// permission and data scope and writes one audit row per change.
package quality

import (
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
)

// Organising levels (组织层级) of an exam.
const (
	LevelCity   = "city"
	LevelCounty = "county"
	LevelSchool = "school"
)

// LevelNames are the Chinese names of the organising levels.
var LevelNames = map[string]string{LevelCity: "市级", LevelCounty: "县级", LevelSchool: "校级"}

// Exam kinds (考试类型).
const (
	KindQuality  = "quality"  // 质量检测
	KindAcademic = "academic" // 学业水平考试
	KindPass     = "pass"     // 合格性考试
	KindNational = "national" // 国家监测结果
)

// KindNames are the Chinese names of the exam kinds.
var KindNames = map[string]string{KindQuality: "质量检测", KindAcademic: "学业水平考试", KindPass: "合格性考试", KindNational: "国家监测结果"}

// Exam 考试: one monitoring test organised by a bureau or school in a term,
// for some grades, with the schools that sit it.
type Exam struct {
	ID         int64
	OrgID      int64 // the organising bureau or school
	OrgName    string
	OrgPath    string
	RegionCode string
	Name       string
	Term       dict.Term
	Level      string
	Kind       string
	Grades     []string
	Subjects   []string // subjects with a paper, in paper order
	SchoolIDs  []int64  // participating schools
	ReportID   int64    // the latest stored analysis, 0 before the first
	PriorID    int64    // 前测: an earlier exam whose scores are the prior for value-added, 0 for none
	Version    int
}

// Validate checks the fields a user fills in.
func (e Exam) Validate() error {
	switch {
	case strings.TrimSpace(e.Name) == "":
		return app.Invalid("name", "考试名称不能为空")
	case len([]rune(e.Name)) > 100:
		return app.Invalid("name", "考试名称不能超过100个字")
	case LevelNames[e.Level] == "":
		return app.Invalid("level", "请选择组织层级（市级、县级或校级）")
	case KindNames[e.Kind] == "":
		return app.Invalid("kind", "请选择考试类型")
	case e.Term.Year < 2000 || e.Term.Year > 2100 || (e.Term.Half != 1 && e.Term.Half != 2):
		return app.Invalid("term", "请选择学年和学期")
	case e.OrgID == 0:
		return app.Invalid("org_id", "请选择组织单位")
	}
	return nil
}

// SubjectImport is the state of one subject's scores (成绩导入情况).
type SubjectImport struct {
	Subject    string
	TotalsOnly bool // 只有成绩（总分），没有小题分
	Students   int
	Absent     int
	ImportedBy string
	ImportedAt int64
}
