package plan

import "fmt"

// lines is the terminal report: the summary, then every gap and its reason.
func (p *ReviewPlan) lines() []string {
	out := append([]string{p.Summary}, p.Warnings...)
	for _, g := range p.Unassigned {
		out = append(out, fmt.Sprintf("  缺额 %s：缺%d名，%s", g.Submission, g.Missing, g.Reason))
	}
	for _, g := range p.WithoutSenior {
		out = append(out, fmt.Sprintf("  无资深专家 %s：%s", g.Submission, g.Reason))
	}
	return out
}

func (p *LiaisonPlan) lines() []string {
	out := []string{p.Summary}
	for _, g := range p.Uncovered {
		out = append(out, fmt.Sprintf("  未配齐 %s：缺%d名，%s", g.School, g.Missing, g.Reason))
	}
	for _, g := range p.Idle {
		out = append(out, fmt.Sprintf("  未达最少 %s：%s", g.Researcher, g.Reason))
	}
	return out
}

func (p *RotationPlan) lines() []string {
	out := []string{p.Summary}
	if p.Shortage != "" {
		out = append(out, p.Shortage)
	}
	for _, g := range p.Uncovered {
		out = append(out, fmt.Sprintf("  未覆盖 %s：%s", g.School, g.Reason))
	}
	for _, g := range p.Vacant {
		out = append(out, fmt.Sprintf("  空缺 %s 第%d学期：%s", g.Researcher, g.Term, g.Reason))
	}
	return out
}
