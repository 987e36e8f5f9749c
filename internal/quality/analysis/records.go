package analysis

// The records of the JSON report one at a time, for a caller that stores
// them (the quality module keeps each group, item, student and value-added
// record as a row so that a page reads only the rows it shows). Each method
// appends to b exactly the record WriteJSON writes at that position.

// Record sections and how many records each holds.
const (
	SectionGroups   = "groups"
	SectionItems    = "items"
	SectionStudents = "students"
	SectionValue    = "value_added"
)

// Count returns the number of records in a section.
func (r *Report) Count(section string) int {
	switch section {
	case SectionGroups:
		return len(r.Groups)
	case SectionItems:
		return r.itemCount()
	case SectionStudents:
		return len(r.Data.Students)
	case SectionValue:
		return len(r.Value)
	}
	return 0
}

// AppendRecord appends record i of section to b.
func (r *Report) AppendRecord(b []byte, section string, i int) []byte {
	switch section {
	case SectionGroups:
		return r.groupJSON(b, i)
	case SectionItems:
		return r.itemJSON(b, i)
	case SectionStudents:
		return r.studentJSON(b, i)
	case SectionValue:
		return r.valueJSON(b, i)
	}
	return b
}

// AppendMeta appends the meta object of the JSON report to b.
func (r *Report) AppendMeta(b []byte) []byte { return r.metaJSON(b) }

// ItemKey is the bare name an item label matches by ("第12题", "12", "Q12"
// and "t12" all give "12"), for a caller that writes a scores file itself.
func ItemKey(label string) string { return itemKey(label) }
