package plan

import "fmt"

func (net *liaisonNetwork) whyUncovered(s int) string {
	eligible := 0
	for r := range net.nR {
		if _, ok := net.cost(r, s); ok {
			eligible++
		}
	}
	team := net.p.Schools[s].team()
	switch {
	case eligible == 0:
		return "没有同学段的教研员（已要求学段一致）"
	case eligible < team:
		return fmt.Sprintf("符合条件的教研员只有%d名，少于这所学校需要的%d名", eligible, team)
	}
	capSum, need := net.totals()
	return fmt.Sprintf("符合条件的%d名教研员联系名额都已用完（教研员名额合计%d所次，目标学校共需%d所次）", eligible, capSum, need)
}

func (net *liaisonNetwork) whyIdle(r int) string {
	eligible := 0
	for s := range net.nS {
		if _, ok := net.cost(r, s); ok {
			eligible++
		}
	}
	if eligible == 0 {
		return "没有同学段的目标学校（已要求学段一致）"
	}
	capSum, need := net.totals()
	return fmt.Sprintf("可联系的%d所学校都已由其他教研员配齐（目标学校共需%d所次，教研员名额合计%d所次）", eligible, need, capSum)
}

// totals returns the researchers' total capacity and the schools' total need.
func (net *liaisonNetwork) totals() (capSum, need int) {
	for r := range net.nR {
		capSum += net.p.capacity(r)
	}
	for _, s := range net.p.Schools {
		need += s.team()
	}
	return capSum, need
}
