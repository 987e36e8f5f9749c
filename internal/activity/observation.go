package activity

import (
	"strings"
	"time"
	"unicode/utf8"

	"jiaoyan/internal/app"
)

// Lesson types (课型) of an observation.
const (
	LessonRegular  = "regular"  // 随堂听课
	LessonDemo     = "demo"     // 示范课
	LessonOpen     = "open"     // 公开课
	LessonResearch = "research" // 研究课
	LessonContest  = "contest"  // 评优课
)

// LessonNames are the Chinese names of the lesson types.
var LessonNames = map[string]string{LessonRegular: "随堂听课", LessonDemo: "示范课", LessonOpen: "公开课", LessonResearch: "研究课",
	LessonContest: "评优课"}

// Observation states.
const (
	ObsDraft     = "draft"     // 草稿: saved as typed, seen by the observer alone
	ObsSubmitted = "submitted" // 已提交: counted, and seen by the observed teacher
)

// Observation is one 听课评课 record: who observed whom, where, the lesson,
// its rubric scores as scored (the rubric version is kept), the 诊断 and
// 建议, a follow-up, the observed teacher's response, and the 课堂观察
// coding (S-T, FIAS).
type Observation struct {
	ID                          int64
	ObserverID                  int64
	ObserverName                string
	TeacherID                   int64
	TeacherName                 string
	SchoolID                    int64
	SchoolName                  string
	OrgPath                     string
	Subject, Grade, Topic, Date string
	LessonType                  string
	RubricID                    int64 // input: the rubric to score with (its current version)
	RubricVersionID             int64
	RubricName                  string     // "名称 第n版", filled on read
	Body                        RubricBody // the version's body, filled on read
	Scores                      []Score
	Total                       float64
	Diagnosis, Suggestion       string
	Followup                    string
	Response                    string
	STCodes                     string
	STCurrent                   string
	FIASCodes                   string
	FIASCurrent                 int
	State                       string
	SchoolYear, Half            int
	Version                     int
}

// LessonName is the Chinese name of the lesson type.
func (o Observation) LessonName() string { return LessonNames[o.LessonType] }

// Submitted reports whether the record is submitted.
func (o Observation) Submitted() bool { return o.State == ObsSubmitted }

// validateHead checks the lesson fields of a new record.
func (o *Observation) validateHead() error {
	o.Topic, o.Subject, o.Grade = strings.TrimSpace(o.Topic), strings.TrimSpace(o.Subject), strings.TrimSpace(o.Grade)
	_, err := time.Parse(time.DateOnly, o.Date)
	switch {
	case o.TeacherID == 0:
		return app.Invalid("teacher_id", "请选择授课教师")
	case o.Topic == "":
		return app.Invalid("topic", "请填写课题")
	case utf8.RuneCountInString(o.Topic) > 100:
		return app.Invalid("topic", "课题不能超过 100 个字")
	case err != nil:
		return app.Invalid("date", "请填写听课日期，如 2025-10-15")
	case LessonNames[o.LessonType] == "":
		return app.Invalid("lesson_type", "请选择课型")
	}
	return nil
}

// Draft is what the observer's phone form saves as they type: the levels
// chosen (-1 unscored) and comments per indicator, and the texts.
type Draft struct {
	ID                    int64
	Version               int
	Levels                []int
	Comments              []string
	Diagnosis, Suggestion string
	Followup              string
}
