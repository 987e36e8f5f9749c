package org

import (
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
)

// Person is a teacher, researcher (教研员) or expert (专家). IDNumber and Phone
// hold the full values only for actors with person.sensitive; otherwise they
// are masked (4401**********123X, 138****5678) and Masked is true.
type Person struct {
	ID                int64
	Name              string
	Gender            string // GB/T 2261.1: 1 男, 2 女
	IDNumber          string
	Phone             string
	Masked            bool
	OrgID             int64
	OrgName           string
	OrgCode           string // the organisation's 学校标识码, if it is a school
	OrgPath           string
	Subjects          []string
	Stages            []string
	Title             string // 职称 code
	Education         string // 学历 code
	Tier              string // 五梯级 code
	TeachingSince     int    // year teaching began (从教年份); from WorkStart when not given
	WorkStart         string // 参加工作时间 as 2001-09-01, "" when not known
	ResearcherKind    string // "", fulltime, parttime
	ResearcherSubject string
	ResearcherStage   string
	OfficeID          int64 // the 教研院 a researcher belongs to
	OfficeName        string
	Expert            bool
	Active            bool
	Honours           []Honour
	Version           int
}

// Honour is a title or award a person holds (荣誉): 市级学科带头人, 2023.
type Honour struct {
	Name  string
	Level string // national, province, city, county, school
	Year  int
}

// HonourLevelNames are the levels of an honour.
var HonourLevelNames = map[string]string{
	"national": "国家级", "province": "省级", "city": "市级", "county": "县级", "school": "校级",
}

// IsResearcher reports whether the person is a 教研员.
func (p Person) IsResearcher() bool { return p.ResearcherKind != "" }

// GenderName, TitleName, TierName, EducationName are the Chinese labels.
func (p Person) GenderName() string    { return GenderNames[p.Gender] }
func (p Person) TitleName() string     { return TitleNames[p.Title] }
func (p Person) TierName() string      { return TierNames[p.Tier] }
func (p Person) EducationName() string { return EducationNames[p.Education] }
func (p Person) StageNames() string    { return joinNames(p.Stages, StageNames) }

// Role describes what the person is: 专职教研员, 兼职教研员, 专家, 教师.
func (p Person) Role() string {
	var parts []string
	if p.IsResearcher() {
		parts = append(parts, ResearcherKindNames[p.ResearcherKind]+"教研员")
	}
	if p.Expert {
		parts = append(parts, "专家")
	}
	if len(parts) == 0 {
		return "教师"
	}
	return strings.Join(parts, "、")
}

func (p Person) snapshot() audit.Snapshot {
	return audit.Snapshot{"姓名": p.Name, "性别": p.GenderName(), "身份证号": maskedID(p.IDNumber),
		"手机号": maskedPhone(p.Phone), "单位": p.OrgName, "任教学科": strings.Join(p.Subjects, "、"), "学段": p.StageNames(),
		"职称": p.TitleName(), "学历": p.EducationName(), "梯级": p.TierName(), "从教年份": itoa(p.TeachingSince),
		"参加工作时间": p.WorkStart,
		"教研员":    ResearcherKindNames[p.ResearcherKind], "专家": yesNo(p.Expert), "状态": activeName(p.Active),
		audit.VersionKey: itoa(p.Version)}
}

// Validate checks a person as a form or import row gives it. IDNumber and
// Phone must already be normalised.
func (p Person) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return app.Invalid("name", "请填写姓名")
	}
	if p.Gender != "" && GenderNames[p.Gender] == "" {
		return app.Invalid("gender", "性别应为 男 或 女")
	}
	if p.IDNumber != "" {
		if msg := CheckIDNumber(p.IDNumber); msg != "" {
			return app.Invalid("id_number", "%s", msg)
		}
	}
	if p.Phone != "" {
		if msg := CheckPhone(p.Phone); msg != "" {
			return app.Invalid("phone", "%s", msg)
		}
	}
	if p.OrgID == 0 {
		return app.Invalid("org_id", "请选择所在单位")
	}
	return p.validateCodes()
}

func (p Person) validateCodes() error {
	checks := []struct {
		field, val, msg string
		names           map[string]string
	}{
		{"title", p.Title, "职称", TitleNames}, {"education", p.Education, "学历", EducationNames},
		{"tier", p.Tier, "梯级", TierNames}, {"researcher_kind", p.ResearcherKind, "教研员类别", ResearcherKindNames},
		{"researcher_stage", p.ResearcherStage, "教研学段", StageNames},
	}
	for _, c := range checks {
		if c.val != "" && c.names[c.val] == "" {
			return app.Invalid(c.field, "%s取值无效：%s", c.msg, c.val)
		}
	}
	for _, st := range p.Stages {
		if StageNames[st] == "" {
			return app.Invalid("stages", "未知学段 %s", st)
		}
	}
	if y := time.Now().Year(); p.TeachingSince != 0 && (p.TeachingSince < 1950 || p.TeachingSince > y) {
		return app.Invalid("teaching_since", "从教年份应在 1950 到 %d 之间", y)
	}
	if err := checkWorkStart(p.WorkStart); err != nil {
		return err
	}
	if p.IsResearcher() && p.ResearcherSubject == "" {
		return app.Invalid("researcher_subject", "请填写教研学科")
	}
	for i, h := range p.Honours {
		if strings.TrimSpace(h.Name) == "" || HonourLevelNames[h.Level] == "" || h.Year < 1950 {
			return app.Invalid("honours", "第 %d 项荣誉不完整：需填写名称、级别和年份", i+1)
		}
	}
	return nil
}

func (p *Person) normalize() {
	p.Name = strings.TrimSpace(p.Name)
	p.IDNumber = NormalizeIDNumber(p.IDNumber)
	p.Phone = foldWidth(p.Phone)
	p.WorkStart = strings.TrimSpace(p.WorkStart)
	if t, err := time.Parse(time.DateOnly, p.WorkStart); err == nil && p.TeachingSince == 0 {
		p.TeachingSince = t.Year()
	}
	if !p.IsResearcher() {
		p.ResearcherSubject, p.ResearcherStage, p.OfficeID = "", "", 0
	}
}

// checkWorkStart accepts "" or a 参加工作时间 from 1950 to today.
func checkWorkStart(s string) error {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return app.Invalid("work_start", "参加工作时间应写成 2001-09-01 这样的日期")
	}
	if t.Year() < 1950 || t.After(time.Now()) {
		return app.Invalid("work_start", "参加工作时间应在 1950 年到今天之间")
	}
	return nil
}
