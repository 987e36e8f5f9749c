package demo

import (
	"fmt"

	"jiaoyan/internal/org"
)

// groupPlan is a teaching group to register, with its members.
type groupPlan struct {
	g       org.Group
	leader  *person
	members []*person
}

// gradeNames are the grades of a stage, for 年级组.
var gradeNames = map[string][]string{
	"primary": {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级"},
	"junior":  {"七年级", "八年级", "九年级"},
	"senior":  {"高一", "高二", "高三"},
}

// schoolGroups plans a school's 学科教研组 (one per subject with at least
// three teachers, the smaller subjects together in a 综合教研组) and, in
// schools of 40 or more teachers, its 年级组.
func (g *gen) schoolGroups(s *school) []groupPlan {
	if s.kind == kPoint {
		return nil
	}
	var out []groupPlan
	for _, stage := range s.stages {
		out = append(out, g.subjectGroups(s, stage)...)
		if len(s.teachers) >= 40 {
			out = append(out, g.gradeGroups(s, stage)...)
		}
	}
	return out
}

func (g *gen) subjectGroups(s *school, stage string) []groupPlan {
	var order []string
	bySubject := map[string][]*person{}
	for _, x := range s.teachers {
		if x.stage() != stage {
			continue
		}
		if _, ok := bySubject[x.subject()]; !ok {
			order = append(order, x.subject())
		}
		bySubject[x.subject()] = append(bySubject[x.subject()], x)
	}
	prefix := ""
	if len(s.stages) > 1 {
		prefix = org.StageNames[stage]
	}
	var out, rest []groupPlan
	var mixed []*person
	for _, subj := range order {
		ms := bySubject[subj]
		if len(ms) < 3 {
			mixed = append(mixed, ms...)
			continue
		}
		out = append(out, g.group(s, prefix+subj+"教研组", "subject", subj, stage, ms))
	}
	if len(mixed) >= 3 {
		rest = append(rest, g.group(s, prefix+"综合教研组", "subject", "", stage, mixed))
	}
	return append(out, rest...)
}

func (g *gen) gradeGroups(s *school, stage string) []groupPlan {
	grades := gradeNames[stage]
	if len(grades) == 0 {
		return nil
	}
	members := make([][]*person, len(grades))
	i := 0
	for _, x := range s.teachers {
		if x.stage() == stage {
			members[i%len(grades)] = append(members[i%len(grades)], x)
			i++
		}
	}
	var out []groupPlan
	for j, name := range grades {
		if len(members[j]) >= 3 {
			out = append(out, g.group(s, name+"组", "grade", "", stage, members[j]))
		}
	}
	return out
}

// group builds a plan led by its most senior member.
func (g *gen) group(s *school, name, kind, subject, stage string, ms []*person) groupPlan {
	lead := ms[0]
	for _, x := range ms[1:] {
		if rank(x) > rank(lead) {
			lead = x
		}
	}
	filed := fmt.Sprintf("%d-09-%02d", baseYear, between(g.r, 1, 20))
	return groupPlan{g: org.Group{Name: name, Kind: kind, Subject: subject, Stage: stage, FiledOn: filed},
		leader: lead, members: ms}
}

// row is the import row of the plan for school s.
func (gp groupPlan) row(n int, s *school) org.GroupRow {
	members := make([]string, len(gp.members))
	for i, x := range gp.members {
		members[i] = x.p.IDNumber
	}
	return org.GroupRow{Row: n, School: s.code, Leader: gp.leader.p.IDNumber, Members: members, Group: gp.g}
}

// rank orders people by tier, then title, for leaders and hosts.
func rank(x *person) int {
	return 10*indexOf(org.TierOrder, x.p.Tier) + indexOf(org.TitleOrder, x.p.Title)
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func ids(ps []*person) []int64 {
	out := make([]int64, len(ps))
	for i, x := range ps {
		out[i] = x.id
	}
	return out
}
