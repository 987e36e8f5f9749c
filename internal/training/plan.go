package training

import (
	"math"
	"slices"
	"strings"

	"jiaoyan/internal/app"
)

// Plan statuses (方案状态).
const (
	PlanDraft     = "draft"     // 草稿
	PlanSubmitted = "submitted" // 已报送，待备案
	PlanFiled     = "filed"     // 已备案
	PlanReturned  = "returned"  // 退回修改
)

// PlanStatusNames are the Chinese names of the statuses.
var PlanStatusNames = map[string]string{PlanDraft: "草稿", PlanSubmitted: "待备案", PlanFiled: "已备案", PlanReturned: "退回修改"}

// The four domains (研修领域) and four forms (研修形式) of a theme.
var (
	DomainNames = map[string]string{"ethics": "师德修养", "teacher": "教师成长", "student": "学生成长", "school": "学校发展"}
	FormNames   = map[string]string{"reflection": "自我反思", "peer": "同伴互助", "expert": "专家引领", "online": "网络协作"}
	// DomainOrder and FormOrder list them as the seed does.
	DomainOrder = []string{"ethics", "teacher", "student", "school"}
	FormOrder   = []string{"reflection", "peer", "expert", "online"}
)

// Theme is one theme of a 1+x plan: the school's own (Kind "school") or a
// teaching group's ("group", with GroupName).
type Theme struct {
	Kind      string
	GroupName string
	Title     string
	Domain    string
	Forms     []string
}

// DomainName is the theme's domain in Chinese.
func (t Theme) DomainName() string { return DomainNames[t.Domain] }

// FormsText is the theme's forms in Chinese, joined by 、.
func (t Theme) FormsText() string {
	var out []string
	for _, f := range t.Forms {
		out = append(out, FormNames[f])
	}
	return strings.Join(out, "、")
}

// Activity is an activity the plan places in a month.
type Activity struct {
	Month int
	Title string
}

// Plan is a school's 校本研修方案 of one 学年 (1+x): one school theme and
// the groups' themes, activities by month, and the budget line — the
// school's 日常公用经费 and what of it goes to teacher training (万元).
type Plan struct {
	ID            int64
	OrgID         int64
	OrgName       string
	SchoolYear    int
	Themes        []Theme
	Activities    []Activity
	PublicFunds   float64
	TrainingFunds float64
	Status        string
	ReviewNote    string
	ReviewedBy    string
	Version       int
	FundsCheck    string // the budget against the rule, as policy words it
}

// StatusName is the plan's status in Chinese.
func (p Plan) StatusName() string { return PlanStatusNames[p.Status] }

// Editable reports whether the school may still change the plan.
func (p Plan) Editable() bool { return p.Status == PlanDraft || p.Status == PlanReturned || p.ID == 0 }

// FundsShare is the training share of public funds in percent.
func (p Plan) FundsShare() float64 {
	if p.PublicFunds <= 0 {
		return 0
	}
	return math.Round(p.TrainingFunds/p.PublicFunds*1000) / 10
}

// Validate checks a plan as the form gives it: exactly one school theme,
// each theme with a title, one of the four domains and at least one of
// the four forms, activities with a month and a title, funds not negative.
func (p *Plan) Validate() error {
	schools := 0
	for i := range p.Themes {
		t := &p.Themes[i]
		t.Title, t.GroupName = strings.TrimSpace(t.Title), strings.TrimSpace(t.GroupName)
		if err := t.validate(); err != nil {
			return err
		}
		if t.Kind == "school" {
			schools++
		}
	}
	switch {
	case p.SchoolYear < 2000 || p.SchoolYear > 2100:
		return app.Invalid("school_year", "学年应为 2000 至 2100 之间的年份")
	case schools != 1:
		return app.Invalid("school_title", "“1+x”方案须有且只有一个学校主题")
	case math.IsNaN(p.PublicFunds) || p.PublicFunds < 0:
		return app.Invalid("public_funds", "公用经费不能为负数")
	case math.IsNaN(p.TrainingFunds) || p.TrainingFunds < 0 || p.TrainingFunds > p.PublicFunds:
		return app.Invalid("training_funds", "培训经费不能为负数，也不能超过公用经费")
	}
	for _, a := range p.Activities {
		if a.Month < 1 || a.Month > 12 || strings.TrimSpace(a.Title) == "" {
			return app.Invalid("activities", "每项活动须填写月份和活动名称")
		}
	}
	return nil
}

func (t Theme) validate() error {
	field := "school"
	if t.Kind == "group" {
		field = "group"
	}
	switch {
	case t.Kind != "school" && t.Kind != "group":
		return app.Invalid("themes", "主题类型应为学校主题或教研组主题")
	case t.Title == "":
		return app.Invalid(field+"_title", "请填写主题名称")
	case t.Kind == "group" && t.GroupName == "":
		return app.Invalid("group_title", "教研组主题须填写教研组名称")
	case DomainNames[t.Domain] == "":
		return app.Invalid(field+"_domain", "请选择研修领域（师德修养、教师成长、学生成长、学校发展）")
	case len(t.Forms) == 0:
		return app.Invalid(field+"_forms", "请至少选择一种研修形式")
	}
	for _, f := range t.Forms {
		if !slices.Contains(FormOrder, f) {
			return app.Invalid(field+"_forms", "研修形式应为自我反思、同伴互助、专家引领或网络协作")
		}
	}
	return nil
}

// PlanFilter selects plans: a 学年 (0: all) and a status ("": all).
type PlanFilter struct {
	Year          int
	Status        string
	Limit, Offset int
}
