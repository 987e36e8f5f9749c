package analysis

import (
	"slices"
)

// Regrouped returns a copy of d for another analysis, with its counties and
// schools named by place (the county and school name of d's school i) and
// everything in the order ReadScoresStream gives a file of the same scores
// written in student id order: units merged by those names and sorted, each
// subject's rows and absent students in student order, no 学校代码, no
// prior. The copy shares d's students' ids and (where already in order)
// d's score cells, which neither d nor the copy's analysis changes: d may be
// read while the copy is analysed, even when the copy's cells are freed.
func (d *Dataset) Regrouped(place func(i int32) (county, school string)) *Dataset {
	out := &Dataset{Exam: d.Exam, Missing: slices.Clone(d.Missing)}
	schoolOf, classOf := out.regroupUnits(d, place)
	cm := sortUnits(out.Counties, nil)
	sm := sortUnits(out.Schools, cm)
	km := sortUnits(out.Classes, sm)
	out.Students = make([]Student, len(d.Students))
	for i, st := range d.Students {
		s := sm[schoolOf[st.School]]
		out.Students[i] = Student{ID: st.ID, County: out.Schools[s].Parent, School: s, Class: km[classOf[st.Class]]}
	}
	out.Subjects = make([]SubjectData, len(d.Subjects))
	for i := range d.Subjects {
		out.Subjects[i] = d.Subjects[i].inStudentOrder()
	}
	return out
}

// regroupUnits fills out's units from d's under place's names and returns
// the (unsorted) new index of each school and class of d.
func (out *Dataset) regroupUnits(d *Dataset, place func(int32) (string, string)) (schoolOf, classOf []int32) {
	type key struct {
		parent int32
		name   string
	}
	counties, schools, classes := map[string]int32{}, map[key]int32{}, map[key]int32{}
	intern := func(m map[key]int32, list *[]Unit, k key) int32 {
		u, ok := m[k]
		if !ok {
			u = int32(len(*list))
			m[k] = u
			*list = append(*list, Unit{Name: k.name, Parent: k.parent})
		}
		return u
	}
	schoolOf = make([]int32, len(d.Schools))
	for i := range d.Schools {
		cn, sn := place(int32(i))
		c, ok := counties[cn]
		if !ok {
			c = int32(len(out.Counties))
			counties[cn] = c
			out.Counties = append(out.Counties, Unit{Name: cn, Parent: -1})
		}
		schoolOf[i] = intern(schools, &out.Schools, key{c, sn})
	}
	classOf = make([]int32, len(d.Classes))
	for i, k := range d.Classes {
		classOf[i] = intern(classes, &out.Classes, key{schoolOf[k.Parent], k.Name})
	}
	return schoolOf, classOf
}

// inStudentOrder returns sd with its rows and absent students in student
// order: sd itself (sharing its cells) when they already are, else a copy.
func (sd SubjectData) inStudentOrder() SubjectData {
	sd.Absent = slices.Clone(sd.Absent)
	slices.Sort(sd.Absent)
	if slices.IsSorted(sd.Rows) {
		return sd
	}
	order := make([]int, len(sd.Rows))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int(sd.Rows[a]) - int(sd.Rows[b]) })
	out := SubjectData{K: sd.K, Keyed: sd.Keyed, Absent: sd.Absent, RowOf: make([]int32, len(sd.RowOf))}
	if sd.Totals != nil {
		out.Totals = make([]int32, 0, len(sd.Totals))
	}
	nk := len(sd.Keyed)
	for _, r := range order {
		copy(out.newRow(sd.Rows[r]), sd.Cells(r))
		if nk > 0 {
			copy(out.Answers[len(out.Answers)-nk:], sd.Answers[r*nk:(r+1)*nk])
		}
		if sd.Totals != nil {
			out.Totals = append(out.Totals, sd.Totals[r])
		}
	}
	for s := range out.RowOf {
		out.RowOf[s] = -1
	}
	for r, s := range out.Rows {
		out.RowOf[s] = int32(r)
	}
	return out
}
