package analysis

import (
	"bytes"
	"cmp"
	"slices"

	"jiaoyan/internal/app"
)

type unitKey struct {
	parent int32
	name   string
}

// builder accumulates a Dataset while rows are read. It remembers the previous
// row's names so that files grouped by class or student skip the map lookups.
type builder struct {
	ds           *Dataset
	subjects     map[string]int
	ids          map[string]int32 // nil until a lookup needs it
	idsHint      int
	units        [3]map[unitKey]int32 // county, school, class
	seenMask     []uint64             // per student: subjects already read
	keyedPos     [][]int              // per subject, per item: position in Keyed or -1
	lastName     [3][]byte
	lastUnit     [3]int32
	lastParent   [3]int32
	lastID       []byte
	lastSt       int32
	lastSubj     int
	lastSubjName []byte
	maxErrs      int          // row errors to collect before stopping; 0 stops at the first
	errs         []*app.Error // the row errors collected
}

func newBuilder(ex *Exam) *builder {
	b := &builder{ds: &Dataset{Exam: ex}, subjects: map[string]int{}, lastSt: -1, lastSubj: -1}
	for i := range b.units {
		b.units[i] = map[unitKey]int32{}
		b.lastUnit[i] = -1
	}
	b.ds.Subjects = make([]SubjectData, len(ex.Subjects))
	for i, s := range ex.Subjects {
		b.subjects[normalize(s.Name)] = i
		b.subjects[s.Name] = i
		b.ds.Subjects[i].K = len(s.Items)
		pos := make([]int, len(s.Items))
		for j, it := range s.Items {
			pos[j] = -1
			if it.Key != "" {
				pos[j] = len(b.ds.Subjects[i].Keyed)
				b.ds.Subjects[i].Keyed = append(b.ds.Subjects[i].Keyed, j)
			}
		}
		b.keyedPos = append(b.keyedPos, pos)
	}
	return b
}

func (b *builder) subjectOf(name []byte) int {
	if b.lastSubj >= 0 && bytes.Equal(name, b.lastSubjName) {
		return b.lastSubj
	}
	i := b.lookupSubject(name)
	b.lastSubj, b.lastSubjName = i, append(b.lastSubjName[:0], name...)
	return i
}

func (b *builder) lookupSubject(name []byte) int {
	if i, ok := b.subjects[string(name)]; ok {
		return i
	}
	if i, ok := b.subjects[normalize(string(name))]; ok {
		return i
	}
	return -1
}

// seen marks subject subj as read for student st and reports whether it was already.
func (b *builder) seen(subj int, st int32) bool {
	bit := uint64(1) << uint(subj)
	was := b.seenMask[st]&bit != 0
	b.seenMask[st] |= bit
	return was
}

// unit interns a county (level 0), school (1) or class (2) under parent by
// its name, or a school by its code when the file has a 学校代码 column
// (code non-nil); the first name seen is the unit's name.
func (b *builder) unit(level int, parent int32, name, code []byte, row int) int32 {
	key := name
	if code != nil {
		key = code
	}
	if b.lastUnit[level] >= 0 && b.lastParent[level] == parent && bytes.Equal(key, b.lastName[level]) {
		return b.lastUnit[level]
	}
	k := unitKey{parent, string(key)}
	u, ok := b.units[level][k]
	if !ok {
		u = int32(len(b.units[level]))
		b.units[level][k] = u
		list := b.unitList(level)
		*list = append(*list, Unit{Name: string(name), Parent: parent, Code: string(code), Row: row})
	}
	b.lastName[level] = append(b.lastName[level][:0], key...)
	b.lastUnit[level], b.lastParent[level] = u, parent
	return u
}

func (b *builder) unitList(level int) *[]Unit {
	return [...]*[]Unit{&b.ds.Counties, &b.ds.Schools, &b.ds.Classes}[level]
}

// student returns the student of a row, creating it on first sight and
// checking that a known student stays in the same class.
func (b *builder) student(lay *scoreLayout, rec [][]byte, row int) (int32, error) {
	id := trimSpace(field(rec, lay.id))
	if len(id) == 0 {
		return 0, rowErr(row, lay.header[lay.id], "考号不能为空")
	}
	names := [3][]byte{trimSpace(field(rec, lay.county)), trimSpace(field(rec, lay.school)), trimSpace(field(rec, lay.class))}
	for i, n := range names {
		if len(n) == 0 {
			col := [3]int{lay.county, lay.school, lay.class}[i]
			return 0, rowErr(row, lay.header[col], "%s不能为空", [3]string{"县区", "学校", "班级"}[i])
		}
	}
	var code []byte
	if lay.schoolCode >= 0 {
		if code = trimSpace(field(rec, lay.schoolCode)); len(code) == 0 {
			return 0, rowErr(row, lay.header[lay.schoolCode], "学校代码不能为空")
		}
	}
	c := b.unit(0, -1, names[0], nil, row)
	s := b.unit(1, c, names[1], code, row)
	k := b.unit(2, s, names[2], nil, row)
	st, ok := b.predict(id)
	if !ok {
		st, ok = b.lookup(id)
	}
	if !ok {
		st = b.newStudent(id, c, s, k)
	} else if b.ds.Students[st].Class != k {
		return 0, rowErr(row, lay.header[lay.class], "考号“%s”在不同行中的县区/学校/班级不一致", string(id))
	}
	b.lastID = append(b.lastID[:0], id...)
	b.lastSt = st
	return st, nil
}

// predict guesses the student of a row without a map lookup: the same as the
// previous row (files grouped by student) or the next one created after it
// (files grouped by subject, students in the same order in every subject).
func (b *builder) predict(id []byte) (int32, bool) {
	if b.lastSt < 0 {
		return 0, false
	}
	if bytes.Equal(id, b.lastID) {
		return b.lastSt, true
	}
	next := b.lastSt + 1
	if int(next) == len(b.ds.Students) {
		next = 0 // the next subject starts again from the first student
	}
	if string(id) == b.ds.Students[next].ID {
		return next, true
	}
	return 0, false
}

// lookup finds a known student by id. While students arrive in ascending id
// order, an id above the last one cannot be known and the map is not needed;
// it is built on the first lookup that does need it.
func (b *builder) lookup(id []byte) (int32, bool) {
	if b.ids == nil {
		n := len(b.ds.Students)
		if n == 0 || string(id) > b.ds.Students[n-1].ID {
			return 0, false
		}
		b.ids = make(map[string]int32, max(n, b.idsHint))
		for i := range b.ds.Students {
			b.ids[b.ds.Students[i].ID] = int32(i)
		}
	}
	st, ok := b.ids[string(id)]
	return st, ok
}

// newStudent appends a student first seen in this row.
func (b *builder) newStudent(id []byte, c, s, k int32) int32 {
	st := int32(len(b.ds.Students))
	b.ds.Students = append(b.ds.Students, Student{ID: string(id), County: c, School: s, Class: k})
	if b.ids != nil {
		b.ids[b.ds.Students[st].ID] = st
	}
	b.seenMask = append(b.seenMask, 0)
	return st
}

// finish sorts counties, schools, classes and students into a canonical order
// and builds the row lookup of every subject.
func (b *builder) finish() *Dataset {
	ds := b.ds
	cm := sortUnits(ds.Counties, nil)
	sm := sortUnits(ds.Schools, cm)
	km := sortUnits(ds.Classes, sm)
	for i := range ds.Students {
		st := &ds.Students[i]
		st.County, st.School, st.Class = cm[st.County], sm[st.School], km[st.Class]
	}
	b.sortStudents()
	for i := range ds.Subjects {
		sd := &ds.Subjects[i]
		sd.RowOf = make([]int32, len(ds.Students))
		for s := range sd.RowOf {
			sd.RowOf[s] = -1
		}
		for r, s := range sd.Rows {
			sd.RowOf[s] = int32(r)
		}
	}
	return ds
}

// sortUnits sorts units by (remapped parent, name) in place and returns the
// old-index -> new-index map. parentMap is nil for counties.
func sortUnits(units []Unit, parentMap []int32) []int32 {
	type ix struct {
		u   Unit
		old int32
	}
	tmp := make([]ix, len(units))
	for i, u := range units {
		if parentMap != nil {
			u.Parent = parentMap[u.Parent]
		}
		tmp[i] = ix{u, int32(i)}
	}
	slices.SortStableFunc(tmp, func(a, b ix) int {
		return cmp.Or(cmp.Compare(a.u.Parent, b.u.Parent), cmp.Compare(a.u.Name, b.u.Name), cmp.Compare(a.u.Code, b.u.Code))
	})
	m := make([]int32, len(units))
	for i, t := range tmp {
		units[i] = t.u
		m[t.old] = int32(i)
	}
	return m
}

// sortStudents orders students by id and remaps every subject's references.
func (b *builder) sortStudents() {
	ds := b.ds
	if slices.IsSortedFunc(ds.Students, func(a, c Student) int { return cmp.Compare(a.ID, c.ID) }) {
		return
	}
	order := make([]int32, len(ds.Students))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, c int32) int { return cmp.Compare(ds.Students[a].ID, ds.Students[c].ID) })
	m := make([]int32, len(order))
	sorted := make([]Student, len(order))
	for n, o := range order {
		m[o] = int32(n)
		sorted[n] = ds.Students[o]
	}
	ds.Students = sorted
	for i := range ds.Subjects {
		for r, s := range ds.Subjects[i].Rows {
			ds.Subjects[i].Rows[r] = m[s]
		}
		for r, s := range ds.Subjects[i].Absent {
			ds.Subjects[i].Absent[r] = m[s]
		}
	}
}

// reserve sizes the per-row and per-student slices for about n rows, assumed
// spread evenly over the subjects, so that they do not grow by copying.
func (b *builder) reserve(n int) {
	per := n/len(b.ds.Subjects) + n/50 + 16
	if n <= 0 || per > 1<<26 {
		return
	}
	for i := range b.ds.Subjects {
		b.ds.Subjects[i].Rows = make([]int32, 0, per)
	}
	b.ds.Students = make([]Student, 0, per)
	b.seenMask = make([]uint64, 0, per)
	b.idsHint = per
}
