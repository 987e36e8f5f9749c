package plan

import (
	"jiaoyan/internal/app"
)

// ReviewProblem is an expert review assignment (评审分配): every submission
// (课题、论文) needs K reviewers from the expert pool (专家库), subject to 回避
// rules and expert loads.
type ReviewProblem struct {
	K           int           `json:"k"`
	Submissions []Submission  `json:"submissions"`
	Experts     []Expert      `json:"experts"`
	Conflicts   []Conflict    `json:"conflicts,omitempty"`
	Affinities  []Affinity    `json:"affinities,omitempty"`
	Options     ReviewOptions `json:"options"`
}

// Submission is one item to review (课题/论文), with its authors' person ids.
type Submission struct {
	ID      string   `json:"id"`
	Title   string   `json:"title,omitempty"`
	Subject string   `json:"subject"`
	Stage   string   `json:"stage,omitempty"`
	School  string   `json:"school,omitempty"`
	County  string   `json:"county,omitempty"`
	Authors []string `json:"authors,omitempty"`
}

// Expert is one member of the expert pool (专家). An expert with no subjects
// listed reviews any subject, at a lower affinity. Senior marks 资深/正高级.
type Expert struct {
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	Subjects []string `json:"subjects,omitempty"`
	Stages   []string `json:"stages,omitempty"`
	School   string   `json:"school,omitempty"`
	County   string   `json:"county,omitempty"`
	MaxLoad  int      `json:"max_load"`
	Senior   bool     `json:"senior,omitempty"`
}

// Conflict is an explicit 回避 pair: the expert may not review a submission by
// Person (师生、亲属) or, if Submission is set, that one submission.
type Conflict struct {
	Expert     string `json:"expert"`
	Person     string `json:"person,omitempty"`
	Submission string `json:"submission,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// Affinity is an explicit fit score for one pair. When any is given, only the
// listed pairs are eligible and the subject/stage rule is not used.
type Affinity struct {
	Submission string `json:"submission"`
	Expert     string `json:"expert"`
	Score      int    `json:"score"`
}

// ReviewOptions switch on the optional rules.
type ReviewOptions struct {
	AvoidSameCounty  bool `json:"avoid_same_county,omitempty"` // 同县区回避
	DistinctCounties bool `json:"distinct_counties,omitempty"` // 同一项目的评审来自不同县区
	RequireSenior    bool `json:"require_senior,omitempty"`    // 每项至少一名资深专家
	BalanceLoad      bool `json:"balance_load,omitempty"`      // 均衡工作量
	BalanceWeight    int  `json:"balance_weight,omitempty"`    // 每多评一项的递增代价，默认 1
}

// Validate checks the problem and returns an EINVALID *app.Error naming the
// first bad field in Chinese, or nil.
func (p *ReviewProblem) Validate() error {
	if len(p.Submissions) == 0 {
		return app.Invalid("submissions", "没有需要评审的项目，请至少提供一项（submissions 为空）")
	}
	if len(p.Experts) == 0 {
		return app.Invalid("experts", "专家库为空，无法分配评审专家，请至少提供一名专家（experts 为空）")
	}
	if len(p.Submissions) > maxItems || len(p.Experts) > maxItems {
		return app.Errorf(app.ETOOLARGE, "项目或专家超过%d条，请分批分配", maxItems)
	}
	if p.K < 1 || p.K > maxK {
		return app.Invalid("k", "每项评审专家人数 k 应在 1 到 %d 之间，当前为 %d", maxK, p.K)
	}
	if w := p.Options.BalanceWeight; w < 0 || w > maxWeight {
		return app.Invalid("options.balance_weight", "工作量均衡权重应在 0 到 %d 之间，当前为 %d", maxWeight, w)
	}
	subs, err := uniqueIDs("submissions", "项目", len(p.Submissions), func(i int) string { return p.Submissions[i].ID })
	if err != nil {
		return err
	}
	exps, err := uniqueIDs("experts", "专家", len(p.Experts), func(i int) string { return p.Experts[i].ID })
	if err != nil {
		return err
	}
	if err := p.validateExperts(); err != nil {
		return err
	}
	if err := p.validateConflicts(subs, exps); err != nil {
		return err
	}
	return p.validateAffinities(subs, exps)
}

func (p *ReviewProblem) validateExperts() error {
	for i, e := range p.Experts {
		if e.MaxLoad < 0 || e.MaxLoad > maxLoad {
			return app.Invalid(field("experts", i, "max_load"), "第%d位专家（%s）的评审上限应在 0 到 %d 之间，当前为 %d", i+1, e.ID, maxLoad, e.MaxLoad)
		}
	}
	for i, s := range p.Submissions {
		if s.Subject == "" && len(p.Affinities) == 0 {
			return app.Invalid(field("submissions", i, "subject"), "第%d项（%s）没有填写学科，无法匹配专家", i+1, s.ID)
		}
	}
	return nil
}

func (p *ReviewProblem) validateConflicts(subs, exps map[string]int) error {
	for i, c := range p.Conflicts {
		if _, ok := exps[c.Expert]; !ok {
			return app.Invalid(field("conflicts", i, "expert"), "第%d条回避关系中的专家“%s”不在专家库中", i+1, c.Expert)
		}
		if c.Person == "" && c.Submission == "" {
			return app.Invalid(field("conflicts", i, "person"), "第%d条回避关系需要填写回避的人员（person）或项目（submission）", i+1)
		}
		if _, ok := subs[c.Submission]; c.Submission != "" && !ok {
			return app.Invalid(field("conflicts", i, "submission"), "第%d条回避关系中的项目“%s”不存在", i+1, c.Submission)
		}
	}
	return nil
}

func (p *ReviewProblem) validateAffinities(subs, exps map[string]int) error {
	seen := make(map[[2]int]bool, len(p.Affinities))
	for i, a := range p.Affinities {
		si, ok := subs[a.Submission]
		if !ok {
			return app.Invalid(field("affinities", i, "submission"), "第%d条匹配度中的项目“%s”不存在", i+1, a.Submission)
		}
		ei, ok := exps[a.Expert]
		if !ok {
			return app.Invalid(field("affinities", i, "expert"), "第%d条匹配度中的专家“%s”不在专家库中", i+1, a.Expert)
		}
		if a.Score < 0 || a.Score > maxScore {
			return app.Invalid(field("affinities", i, "score"), "第%d条匹配度分值应在 0 到 %d 之间，当前为 %d", i+1, maxScore, a.Score)
		}
		if seen[[2]int{si, ei}] {
			return app.Invalid(field("affinities", i, "expert"), "第%d条匹配度重复：项目“%s”与专家“%s”已经出现过", i+1, a.Submission, a.Expert)
		}
		seen[[2]int{si, ei}] = true
	}
	return nil
}
