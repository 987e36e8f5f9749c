package plan

import (
	"fmt"
	"strings"
)

// explainShort says in Chinese why submission i got fewer than k reviewers.
func (x *reviewIndex) explainShort(i int, chosen []candidate, load []int) string {
	var why [exCount]int
	cands := x.candidates(i, nil, &why)
	k := x.p.K
	if len(cands) == 0 {
		return "没有符合条件的专家：" + x.exclusionText(why)
	}
	if x.p.Options.DistinctCounties {
		if c := x.countyCount(cands); c < k && len(chosen) >= c {
			return fmt.Sprintf("符合条件的%d名专家只来自%d个县区，而同一项目的评审须来自不同县区", len(cands), c)
		}
	}
	if len(cands) < k {
		return fmt.Sprintf("符合条件的专家只有%d名，少于每项所需的%d名（其余专家：%s）", len(cands), k, x.exclusionText(why))
	}
	full := 0
	for _, c := range cands {
		if load[c.expert] >= x.p.Experts[c.expert].MaxLoad && !inList(chosen, c.expert) {
			full++
		}
	}
	switch {
	case full == len(cands):
		return fmt.Sprintf("符合条件的%d名专家都已达到评审上限", len(cands))
	case full == len(cands)-len(chosen):
		return fmt.Sprintf("符合条件的%d名专家中，除已选的%d名外都已达到评审上限", len(cands), len(chosen))
	}
	return fmt.Sprintf("符合条件的%d名专家中，%d名已达到评审上限，其余与已选评审同一县区", len(cands), full)
}

// explainNoSenior says why submission i has no senior reviewer.
func (x *reviewIndex) explainNoSenior(i int, load []int) string {
	seniors, full := 0, 0
	for _, c := range x.candidates(i, nil, nil) {
		if x.p.Experts[c.expert].Senior {
			seniors++
			if load[c.expert] >= x.p.Experts[c.expert].MaxLoad {
				full++
			}
		}
	}
	switch {
	case seniors == 0:
		return "符合条件的专家中没有资深专家"
	case full == seniors:
		return fmt.Sprintf("符合条件的%d名资深专家都已达到评审上限", seniors)
	}
	return fmt.Sprintf("符合条件的%d名资深专家中%d名已满额，其余与已选评审同一县区或换入会减少评审人次", seniors, full)
}

var exclusionNames = [exCount]string{"学科不符", "本人是作者", "同校回避", "同县区回避", "指定回避（师生、亲属等）"}

func (x *reviewIndex) exclusionText(why [exCount]int) string {
	var parts []string
	for r, n := range why {
		if n == 0 {
			continue
		}
		name := exclusionNames[r]
		if r == exSubject && x.listed != nil {
			name = "不在匹配度名单中"
		}
		parts = append(parts, fmt.Sprintf("%s%d名", name, n))
	}
	if len(parts) == 0 {
		return "无"
	}
	return strings.Join(parts, "，")
}

// countyCount is the number of distinct counties among cands; experts with no
// county count one each, since the county rule does not limit them.
func (x *reviewIndex) countyCount(cands []candidate) int {
	seen := map[int32]bool{}
	n := 0
	for _, c := range cands {
		county := x.expCounty[c.expert]
		if county < 0 || !seen[county] {
			n++
		}
		if county >= 0 {
			seen[county] = true
		}
	}
	return n
}

func inList(list []candidate, j int32) bool {
	for _, c := range list {
		if c.expert == j {
			return true
		}
	}
	return false
}
