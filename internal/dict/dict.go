// Package dict holds the static code tables of Chinese basic education —
// 学段, 学科, 职称, 学历, 政治面貌, 民族, 性别, 行政区划 — embedded as CSV
// files, and the 学年/学期 calendar. The tables are the seed from which the
// database keeps editable copies (sort order, enabled flag); this package
// never touches a database and its data never changes at run time.
//
// Lookups are tolerant the way Excel imports need: full-width letters and
// digits, spaces, letter case, old names (中学高级教师 → senior) and leading
// zeros lost by Excel ("1" → "01") are all understood.
package dict

// Table names, as passed to Entries and Lookup.
const (
	TableStage     = "stage"     // 学段 (codes from the glossary)
	TableSubject   = "subject"   // 学科 (2022 义务教育课程方案, 普通高中课程方案)
	TableTitle     = "title"     // 职称 (2015 中小学教师职称制度改革)
	TableEducation = "education" // 学历 GB/T 4658-2006
	TablePolitical = "political" // 政治面貌 GB/T 4762-1984
	TableEthnicity = "ethnicity" // 民族 GB/T 3304-1991
	TableGender    = "gender"    // 性别 GB/T 2261.1-2003
	TableRegion    = "region"    // 行政区划 GB/T 2260 to county level
	// TableCreditCategory is 学时/学分类别; parent "training" marks the
	// categories whose hours count as training hours (培训学时).
	TableCreditCategory = "credit_category"
)

// Entry is one row of a code table.
type Entry struct {
	Code    string   // stable code stored in the database ("senior", "01", "440106")
	Name    string   // the Chinese name shown to users
	Aliases []string // other names accepted on input (old names, short forms, 罗马字 codes)
	Sort    int      // 1-based position in the table as shipped
	Parent  string   // code of the parent entry ("" at the top level)
	Stages  []string // for subjects: the 学段 codes the subject is taught in
}

// TableInfo describes one table.
type TableInfo struct {
	Name     string // table name, e.g. "education"
	Title    string // Chinese title, e.g. "学历"
	Standard string // the standard or document the codes follow
	Count    int    // number of entries
}

// tableDefs lists the tables in display order with their data files.
var tableDefs = []struct {
	TableInfo
	file string
}{
	{TableInfo{Name: TableStage, Title: "学段", Standard: "本系统约定"}, "stage.csv"},
	{TableInfo{Name: TableSubject, Title: "学科", Standard: "义务教育课程方案（2022年版）、普通高中课程方案（2017年版2020年修订）"}, "subject.csv"},
	{TableInfo{Name: TableTitle, Title: "职称", Standard: "人社部发〔2015〕79号 中小学教师职称制度改革"}, "title.csv"},
	{TableInfo{Name: TableEducation, Title: "学历", Standard: "GB/T 4658-2006"}, "education.csv"},
	{TableInfo{Name: TablePolitical, Title: "政治面貌", Standard: "GB/T 4762-1984"}, "political.csv"},
	{TableInfo{Name: TableEthnicity, Title: "民族", Standard: "GB/T 3304-1991"}, "ethnicity.csv"},
	{TableInfo{Name: TableGender, Title: "性别", Standard: "GB/T 2261.1-2003"}, "gender.csv"},
	{TableInfo{Name: TableCreditCategory, Title: "学时/学分类别", Standard: "本系统约定，区域可增改"}, "credit_category.csv"},
	{TableInfo{Name: TableRegion, Title: "行政区划", Standard: "GB/T 2260（国家统计局 2023 年统计用区划代码）"}, "regions.csv"},
}
