package training

import (
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
)

// Survey kinds: a needs survey (培训需求调研) or a program's evaluation
// (培训评价).
var SurveyKinds = map[string]string{"needs": "培训需求调研", "evaluation": "培训评价"}

// Question kinds of the one questionnaire component.
var QuestionKinds = map[string]string{"single": "单选", "multiple": "多选", "rating": "评分", "text": "填空"}

// Question is one question of a questionnaire.
type Question struct {
	ID      int64
	Kind    string
	Prompt  string
	Options []string // single and multiple choice only
}

// KindName is the question's kind in Chinese.
func (q Question) KindName() string { return QuestionKinds[q.Kind] }

// Ratings are the choices of a rating question (1-5).
func (q Question) Ratings() []int { return []int{1, 2, 3, 4, 5} }

// Survey is one questionnaire (问卷) and its target population.
type Survey struct {
	ID         int64
	RegionCode string
	RegionName string
	OrgID      int64  // one school of the region, 0 for all of them
	OrgName    string // that school's name
	Kind       string
	ProgramID  int64 // evaluation only
	Program    string
	Title      string
	Tier       string
	Subject    string
	Stage      string
	Status     string
	Version    int
	Questions  []Question
	Targeted   int  // people the survey is sent to
	Answered   int  // people who answered
	Eligible   bool // the actor is in the target population
	Done       bool // the actor has answered
}

// KindName is the survey's kind in Chinese.
func (s Survey) KindName() string { return SurveyKinds[s.Kind] }

// Open reports whether answers are still taken.
func (s Survey) Open() bool { return s.Status == "open" }

// Target reads the population in Chinese, e.g. "鹿城区 · 骨干 · 数学 · 小学".
func (s Survey) Target() string {
	if s.Kind == "evaluation" {
		return "「" + s.Program + "」的报名学员"
	}
	parts := []string{s.RegionName}
	if s.OrgID != 0 {
		parts = []string{s.OrgName}
	}
	if s.Tier != "" {
		parts = append(parts, org.TierNames[s.Tier])
	}
	if s.Subject != "" {
		parts = append(parts, s.Subject)
	}
	if s.Stage != "" {
		parts = append(parts, org.StageNames[s.Stage])
	}
	return strings.Join(parts, " · ")
}

// Rate reads answered of targeted, e.g. "12/30（40.0%）".
func (s Survey) Rate() string { return countShare(s.Answered, s.Targeted) }

func countShare(n, of int) string {
	if of == 0 {
		return fmt.Sprintf("%d/0", n)
	}
	return fmt.Sprintf("%d/%d（%.1f%%）", n, of, float64(n)*100/float64(of))
}

// ParseQuestions reads questions one a line as "类型|题目|选项1;选项2":
// 类型 one of 单选/多选/评分/填空 (full-width ｜ and ； are accepted).
func ParseQuestions(text string) ([]Question, error) {
	byName := map[string]string{}
	for k, v := range QuestionKinds {
		byName[v] = k
	}
	var out []Question
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.NewReplacer("｜", "|", "；", ";").Replace(line))
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		q := Question{Kind: byName[strings.TrimSpace(parts[0])]}
		if len(parts) > 1 {
			q.Prompt = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			for _, o := range strings.Split(parts[2], ";") {
				if o = strings.TrimSpace(o); o != "" {
					q.Options = append(q.Options, o)
				}
			}
		}
		if err := q.validate(); err != nil {
			return nil, app.Invalid("questions", "第 %d 行：%s", i+1, app.ErrorMessage(err))
		}
		out = append(out, q)
	}
	if len(out) == 0 {
		return nil, app.Invalid("questions", "请至少填写一道题目")
	}
	return out, nil
}

// QuestionsText writes questions back in ParseQuestions' form.
func QuestionsText(qs []Question) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.KindName() + "|" + q.Prompt)
		if len(q.Options) > 0 {
			b.WriteString("|" + strings.Join(q.Options, ";"))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (q Question) validate() error {
	switch {
	case q.Kind == "":
		return app.Invalid("questions", "题型应为单选、多选、评分或填空")
	case q.Prompt == "":
		return app.Invalid("questions", "请填写题目")
	case (q.Kind == "single" || q.Kind == "multiple") && len(q.Options) < 2:
		return app.Invalid("questions", "选择题至少需要两个选项")
	case q.Kind != "single" && q.Kind != "multiple" && len(q.Options) > 0:
		return app.Invalid("questions", "评分题和填空题不设选项")
	case len(q.Options) > 20:
		return app.Invalid("questions", "选项不能超过 20 个")
	}
	return nil
}
