package plan

import (
	"fmt"
	"slices"
)

func (net *rotationNetwork) report(picked [][]int) *RotationPlan {
	p, T := net.p, net.p.terms()
	termsOf := assignTerms(picked, net.nS, T)
	plan := &RotationPlan{Terms: net.termNames(), Uncovered: []SchoolGap{}}
	visits := make([]SchoolVisits, net.nS)
	for s, sc := range p.Schools {
		visits[s] = SchoolVisits{School: sc.ID, Terms: []int{}}
	}
	for r, list := range picked {
		row := RotationRow{Researcher: p.Researchers[r].ID, Schools: make([]string, T)}
		for k, s := range list {
			t := termsOf[r][k]
			row.Schools[t] = p.Schools[s].ID
			visits[s].Visits++
			visits[s].Terms = append(visits[s].Terms, t+1)
			plan.PreferenceCost += net.preference(r, s)
		}
		plan.Table = append(plan.Table, row)
		plan.Vacant = append(plan.Vacant, net.vacancies(r, row)...)
	}
	for _, v := range visits {
		slices.Sort(v.Terms)
	}
	plan.Visits = visits
	plan.MinVisits, plan.MaxVisits = visitRange(visits)
	for s, v := range visits {
		if v.Visits == 0 {
			plan.Uncovered = append(plan.Uncovered, SchoolGap{v.School, net.whyUncovered(s)})
		}
	}
	plan.Shortage = net.shortage()
	plan.Feasible = len(plan.Uncovered) == 0 && len(plan.Vacant) == 0
	plan.Summary = fmt.Sprintf("%d名教研员、%d所学校、%d个学期：%d所学校有人蹲点，%d所未覆盖；每校蹲点%d至%d人次；%d个空缺学期。",
		net.nR, net.nS, T, net.nS-len(plan.Uncovered), len(plan.Uncovered), plan.MinVisits, plan.MaxVisits, len(plan.Vacant))
	return plan
}

func visitRange(visits []SchoolVisits) (lo, hi int) {
	lo = visits[0].Visits
	for _, v := range visits {
		lo, hi = min(lo, v.Visits), max(hi, v.Visits)
	}
	return lo, hi
}

// vacancies lists the terms in which researcher r has no school. That happens
// only when fewer schools are open to r than there are terms.
func (net *rotationNetwork) vacancies(r int, row RotationRow) []RotationVacancy {
	open := 0
	for _, ok := range net.allowed[r] {
		if ok {
			open++
		}
	}
	var out []RotationVacancy
	for t, s := range row.Schools {
		if s == "" {
			out = append(out, RotationVacancy{row.Researcher, t + 1, fmt.Sprintf(
				"可去的学校只有%d所（共%d所，已蹲点过的不再安排），少于%d个学期，同一学校不能去两次", open, net.nS, len(row.Schools))})
		}
	}
	return out
}

func (net *rotationNetwork) whyUncovered(s int) string {
	for r := range net.nR {
		if net.allowed[r][s] {
			return "蹲点名额不足：" + net.slotText()
		}
	}
	return "所有教研员都已在这所学校蹲点过，没有人可以再去"
}

func (net *rotationNetwork) slotText() string {
	T := net.p.terms()
	return fmt.Sprintf("教研员%d人×%d个学期=%d个蹲点名额，学校%d所", net.nR, T, net.nR*T, net.nS)
}

// shortage explains, with the numbers and the smallest fix, why the
// researchers cannot cover every school in the given terms.
func (net *rotationNetwork) shortage() string {
	T := net.p.terms()
	if net.nR*T >= net.nS {
		return ""
	}
	needR := (net.nS + T - 1) / T
	needT := (net.nS + net.nR - 1) / net.nR
	return fmt.Sprintf("%s，名额比学校少%d个，%d个学期内无法每校都轮到。最小的调整：增加%d名教研员（共%d名），或把轮换期延长到%d个学期。",
		net.slotText(), net.nS-net.nR*T, T, needR-net.nR, needR, needT)
}
