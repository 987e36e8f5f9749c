package analysis

// Unit is a county, school or class: its name and the index of its parent
// (county of a school, school of a class; -1 for a county). Schools are told
// apart by Code when the scores file has a 学校代码 column, else by name.
type Unit struct {
	Name   string
	Parent int32
	Code   string // a school's 学校代码 when the scores file has that column, else ""
	Row    int    // the file row that first names the unit (0 when not read from a file)
}

// Student 考生: the id and the class they sit in.
type Student struct {
	ID                    string
	County, School, Class int32
}

// chunkRows is how many rows of cells one chunk holds; chunks avoid copying
// tens of megabytes each time a growing slice doubles.
const chunkRows = 8192

// SubjectData holds one subject's scores. Row r belongs to student Rows[r];
// its item scores, Cells(r), are in half-points, Blank for a blank.
type SubjectData struct {
	Rows    []int32
	K       int       // items per row
	chunks  [][]uint8 // chunkRows rows of K cells each
	Keyed   []int     // indices of the objective items that have an answer key
	Answers []uint8   // Answers[r*len(Keyed)+j]: chosen options of Keyed[j], 0 if blank or a score was given
	Absent  []int32   // students marked absent (缺考)
	RowOf   []int32   // student -> row, or -1 when absent or not in this subject
	Totals  []int32   // per row: the score in half-points when the subject is read as totals (no items, K = 0); else nil
}

// Blank marks an item cell left blank (not answered). Item cells are at most
// MaxItemHalf half-points, so a cell fits in one byte; a subject with a larger
// item is read as totals (SubjectData.Totals). MaxFullHalf bounds the full
// marks of any item in the ITEMS file.
const (
	Blank       = 255
	MaxItemHalf = 254
	MaxFullHalf = 2000
)

// Cells returns the item scores of row r.
func (sd *SubjectData) Cells(r int) []uint8 {
	c := sd.chunks[r/chunkRows]
	o := (r % chunkRows) * sd.K
	return c[o : o+sd.K : o+sd.K]
}

// newRow appends a row for student st and returns its cells to fill.
func (sd *SubjectData) newRow(st int32) []uint8 {
	r := len(sd.Rows)
	sd.Rows = append(sd.Rows, st)
	if len(sd.Keyed) > 0 {
		sd.Answers = append(sd.Answers, make([]uint8, len(sd.Keyed))...)
	}
	if r%chunkRows == 0 {
		sd.chunks = append(sd.chunks, make([]uint8, chunkRows*sd.K))
	}
	return sd.Cells(r)
}

// Dataset 成绩数据: an exam's students and scores, with counties, schools,
// classes and students sorted by name/id so that output is deterministic.
type Dataset struct {
	Exam           *Exam
	Counties       []Unit
	Schools        []Unit
	Classes        []Unit
	Students       []Student
	Subjects       []SubjectData
	Prior          [][]float64 // per subject, per student: prior score in points, NaN if none; nil without prior
	PriorUnmatched int         // prior rows whose student is not in the current exam
	Missing        []string    // subjects of the ITEMS file of which the scores file has no row; not analysed
}

// units returns the units of a level below the region.
func (d *Dataset) units(l Level) []Unit {
	switch l {
	case County:
		return d.Counties
	case School:
		return d.Schools
	case Class:
		return d.Classes
	}
	return nil
}

// groupOf returns the index of student s's group at level l.
func (d *Dataset) groupOf(l Level, s int32) int32 {
	st := &d.Students[s]
	switch l {
	case County:
		return st.County
	case School:
		return st.School
	case Class:
		return st.Class
	}
	return 0
}

// numGroups returns how many groups level l has.
func (d *Dataset) numGroups(l Level) int {
	if l == Region {
		return 1
	}
	return len(d.units(l))
}

// groupNames returns county, school and class names of group g at level l.
func (d *Dataset) groupNames(l Level, g int32) (county, school, class string) {
	switch l {
	case Class:
		c := d.Classes[g]
		s := d.Schools[c.Parent]
		return d.Counties[s.Parent].Name, s.Name, c.Name
	case School:
		s := d.Schools[g]
		return d.Counties[s.Parent].Name, s.Name, ""
	case County:
		return d.Counties[g].Name, "", ""
	}
	return "", "", ""
}

// parentOf returns the parent group index (one level up) of group g at level l.
func (d *Dataset) parentOf(l Level, g int32) int32 {
	switch l {
	case Class:
		return d.Classes[g].Parent
	case School:
		return d.Schools[g].Parent
	}
	return 0
}
