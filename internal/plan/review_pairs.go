package plan

import "slices"

// candidate is an eligible (submission, expert) pair seen from the submission.
type candidate struct {
	expert   int32
	affinity int32
}

// Exclusion reasons, in the order they are checked; an expert excluded for two
// reasons is counted under the first.
const (
	exSubject  = iota // 学科不符 (or not in the explicit affinity list)
	exAuthor          // 本人是作者
	exSchool          // 同校回避
	exCounty          // 同县区回避
	exExplicit        // 指定回避 (师生、亲属等)
	exCount
)

// reviewIndex holds the problem with strings replaced by small integers.
type reviewIndex struct {
	p                               *ReviewProblem
	subSubject, subStage            []int32
	subSchool, subCounty            []int32
	subAuthors                      [][]int32
	expSubjects, expStages          [][]int32
	expSchool, expCounty, expPerson []int32
	banPersons, banSubs             [][]int32 // explicit conflicts per expert
	listed                          [][]candidate
	bySubject                       map[int32][]int32 // experts listing each subject, ascending
	generalists                     []int32           // experts listing no subject, ascending
}

func newReviewIndex(p *ReviewProblem) *reviewIndex {
	subj, stage, place, person := interner{}, interner{}, interner{}, interner{}
	x := &reviewIndex{p: p}
	for _, s := range p.Submissions {
		x.subSubject = append(x.subSubject, subj.id(s.Subject))
		x.subStage = append(x.subStage, stage.id(s.Stage))
		x.subSchool = append(x.subSchool, place.id("school:"+s.School))
		x.subCounty = append(x.subCounty, place.id("county:"+s.County))
		x.subAuthors = append(x.subAuthors, person.ids(s.Authors))
		if s.School == "" {
			x.subSchool[len(x.subSchool)-1] = -1
		}
		if s.County == "" {
			x.subCounty[len(x.subCounty)-1] = -1
		}
	}
	x.indexExperts(subj, stage, place, person)
	x.indexConflicts(person)
	x.indexAffinities()
	return x
}

func (x *reviewIndex) indexExperts(subj, stage, place, person interner) {
	for _, e := range x.p.Experts {
		x.expSubjects = append(x.expSubjects, subj.ids(e.Subjects))
		x.expStages = append(x.expStages, stage.ids(e.Stages))
		school, county := int32(-1), int32(-1)
		if e.School != "" {
			school = place.id("school:" + e.School)
		}
		if e.County != "" {
			county = place.id("county:" + e.County)
		}
		x.expSchool = append(x.expSchool, school)
		x.expCounty = append(x.expCounty, county)
		x.expPerson = append(x.expPerson, person.id(e.ID))
	}
	x.bySubject = map[int32][]int32{}
	for j, subjects := range x.expSubjects {
		if len(subjects) == 0 {
			x.generalists = append(x.generalists, int32(j))
		}
		for _, sub := range subjects {
			if l := x.bySubject[sub]; len(l) == 0 || l[len(l)-1] != int32(j) {
				x.bySubject[sub] = append(l, int32(j))
			}
		}
	}
}

func (x *reviewIndex) indexConflicts(person interner) {
	n := len(x.p.Experts)
	x.banPersons, x.banSubs = make([][]int32, n), make([][]int32, n)
	exp := make(map[string]int32, n)
	for j, e := range x.p.Experts {
		exp[e.ID] = int32(j)
	}
	sub := make(map[string]int32, len(x.p.Submissions))
	for i, s := range x.p.Submissions {
		sub[s.ID] = int32(i)
	}
	for _, c := range x.p.Conflicts {
		j := exp[c.Expert]
		if c.Person != "" {
			x.banPersons[j] = append(x.banPersons[j], person.id(c.Person))
		}
		if c.Submission != "" {
			x.banSubs[j] = append(x.banSubs[j], sub[c.Submission])
		}
	}
}

// indexAffinities groups explicit scores by submission, each list in expert
// order, so the network is the same whatever order the input listed them in.
func (x *reviewIndex) indexAffinities() {
	if len(x.p.Affinities) == 0 {
		return
	}
	exp := make(map[string]int32, len(x.p.Experts))
	for j, e := range x.p.Experts {
		exp[e.ID] = int32(j)
	}
	sub := make(map[string]int, len(x.p.Submissions))
	for i, s := range x.p.Submissions {
		sub[s.ID] = i
	}
	x.listed = make([][]candidate, len(x.p.Submissions))
	for _, a := range x.p.Affinities {
		i := sub[a.Submission]
		x.listed[i] = append(x.listed[i], candidate{exp[a.Expert], int32(a.Score)})
	}
	for _, l := range x.listed {
		slices.SortFunc(l, func(a, b candidate) int { return int(a.expert - b.expert) })
	}
}

// candidates appends submission i's eligible experts, in expert order, to buf
// and counts every excluded expert under its reason in why (which may be nil).
func (x *reviewIndex) candidates(i int, buf []candidate, why *[exCount]int) []candidate {
	if x.listed != nil {
		for _, c := range x.listed[i] {
			if r := x.conflict(i, int(c.expert)); r >= 0 {
				count(why, r)
				continue
			}
			buf = append(buf, c)
		}
		count2(why, exSubject, len(x.p.Experts)-len(x.listed[i]))
		return buf
	}
	if why == nil {
		return x.fitCandidates(i, buf)
	}
	for j := range x.p.Experts {
		aff := x.defaultAffinity(i, j)
		if aff == 0 {
			count(why, exSubject)
			continue
		}
		if r := x.conflict(i, j); r >= 0 {
			count(why, r)
			continue
		}
		buf = append(buf, candidate{int32(j), aff})
	}
	return buf
}

// fitCandidates is candidates without exclusion counts: it visits only the
// experts who list the submission's subject and the generalists, merged in
// expert order, so the result equals the full scan's.
func (x *reviewIndex) fitCandidates(i int, buf []candidate) []candidate {
	fit, gen := x.bySubject[x.subSubject[i]], x.generalists
	for len(fit) > 0 || len(gen) > 0 {
		var j int32
		if len(gen) == 0 || (len(fit) > 0 && fit[0] < gen[0]) {
			j, fit = fit[0], fit[1:]
		} else {
			j, gen = gen[0], gen[1:]
		}
		if x.conflict(i, int(j)) < 0 {
			buf = append(buf, candidate{j, x.defaultAffinity(i, int(j))})
		}
	}
	return buf
}

// defaultAffinity is 2 when the expert lists the submission's subject, 1 when
// the expert lists no subject (a generalist), 0 (not eligible) otherwise; plus
// 1 when the expert lists the submission's stage.
func (x *reviewIndex) defaultAffinity(i, j int) int32 {
	var a int32
	switch {
	case containsID(x.expSubjects[j], x.subSubject[i]):
		a = 2
	case len(x.expSubjects[j]) == 0:
		a = 1
	default:
		return 0
	}
	if x.subStage[i] >= 0 && containsID(x.expStages[j], x.subStage[i]) {
		a++
	}
	return a
}

// conflict returns the 回避 reason that forbids expert j on submission i, or -1.
func (x *reviewIndex) conflict(i, j int) int {
	switch {
	case containsID(x.subAuthors[i], x.expPerson[j]):
		return exAuthor
	case x.subSchool[i] >= 0 && x.subSchool[i] == x.expSchool[j]:
		return exSchool
	case x.p.Options.AvoidSameCounty && x.subCounty[i] >= 0 && x.subCounty[i] == x.expCounty[j]:
		return exCounty
	case containsID(x.banSubs[j], int32(i)):
		return exExplicit
	}
	for _, a := range x.subAuthors[i] {
		if containsID(x.banPersons[j], a) {
			return exExplicit
		}
	}
	return -1
}

func count(why *[exCount]int, r int) {
	if why != nil {
		why[r]++
	}
}

func count2(why *[exCount]int, r, n int) {
	if why != nil {
		why[r] += n
	}
}
