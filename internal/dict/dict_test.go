package dict

import (
	"regexp"
	"slices"
	"testing"
)

func TestEveryTableLoadsWithUniqueCodesAndValidParents(t *testing.T) {
	want := map[string]int{TableStage: 6, TableTitle: 5, TableGender: 4, TablePolitical: 13, TableEthnicity: 58}
	for _, info := range Tables() {
		es := Entries(info.Name)
		if len(es) == 0 || len(es) != info.Count || info.Title == "" {
			t.Errorf("%s: %d entries, info %+v", info.Name, len(es), info)
		}
		if n, ok := want[info.Name]; ok && n != len(es) {
			t.Errorf("%s: %d entries, want %d", info.Name, len(es), n)
		}
		codes := map[string]bool{}
		for _, e := range es {
			if e.Code == "" || e.Name == "" || codes[e.Code] {
				t.Errorf("%s: empty or duplicate code in %+v", info.Name, e)
			}
			codes[e.Code] = true
		}
		for _, e := range es {
			if e.Parent != "" && !codes[e.Parent] {
				t.Errorf("%s: %s has unknown parent %s", info.Name, e.Code, e.Parent)
			}
		}
	}
}

// Names and aliases must not collide inside a table, or Lookup could not
// tell the entries apart (regions excepted: 朝阳区 exists twice).
func TestNamesAndAliasesAreUnambiguous(t *testing.T) {
	for _, info := range Tables() {
		if info.Name == TableRegion {
			continue
		}
		seen := map[string]string{}
		for _, e := range Entries(info.Name) {
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if other, ok := seen[fold(n)]; ok && other != e.Code {
					t.Errorf("%s: %q names both %s and %s", info.Name, n, other, e.Code)
				}
				seen[fold(n)] = e.Code
			}
		}
	}
}

func TestLookup(t *testing.T) {
	cases := []struct{ table, input, code string }{
		{TableTitle, "中学高级教师", "senior"},
		{TableTitle, "小学高级教师", "first"},
		{TableTitle, "小学一级", "second"},
		{TableTitle, "中学二级教师", "second"},
		{TableTitle, "小学二级教师", "third"},
		{TableTitle, "中学三级", "third"},
		{TableTitle, "中级", "first"},
		{TableTitle, "副高", "senior"},
		{TableTitle, "正高级教师", "principal"},
		{TableTitle, " 一 级 教 师 ", "first"},
		{TableTitle, "SENIOR", "senior"},
		{TableStage, "初中", "junior"},
		{TableStage, "幼儿园", "preschool"},
		{TableSubject, "生物", "biology"},
		{TableSubject, "道法", "morality"},
		{TableEducation, "本科", "21"},
		{TableEducation, "硕士", "14"},
		{TableEducation, "大专", "31"},
		{TablePolitical, "中共党员", "01"},
		{TablePolitical, "1", "01"}, // Excel dropped the leading zero
		{TablePolitical, "群众", "13"},
		{TableEthnicity, "汉族", "01"},
		{TableEthnicity, "汉", "01"},
		{TableEthnicity, "ｕｇ", "05"},
		{TableEthnicity, "56", "56"},
		{TableEthnicity, "土家族", "15"},
		{TableEthnicity, "土族", "30"},
		{TableGender, "男", "1"},
		{TableGender, "女性", "2"},
		{TableRegion, "440106", "440106"},
		{TableRegion, "广州市", "440100"},
		{TableRegion, "天河区", "440106"},
	}
	for _, c := range cases {
		e, ok := Lookup(c.table, c.input)
		if !ok || e.Code != c.code {
			t.Errorf("Lookup(%s, %q) = %+v, %v; want %s", c.table, c.input, e, ok, c.code)
		}
	}
	for _, c := range [][2]string{{TableRegion, "朝阳区"}, {TableRegion, "市辖区"}, {TableTitle, "特级教师"}, {TableTitle, ""}, {"nosuch", "x"}} {
		if e, ok := Lookup(c[0], c[1]); ok {
			t.Errorf("Lookup(%s, %q) = %+v, want not found", c[0], c[1], e)
		}
	}
}

func TestRegionsAreSixDigitsToCountyLevel(t *testing.T) {
	es := Entries(TableRegion)
	if len(es) < 3200 || len(es) > 3500 {
		t.Fatalf("%d regions, want about 3,300", len(es))
	}
	six := regexp.MustCompile(`^[1-9]\d{5}$`)
	provinces := 0
	for _, e := range es {
		if !six.MatchString(e.Code) {
			t.Errorf("bad code %q", e.Code)
		}
		switch {
		case e.Code[2:] == "0000":
			provinces++
			if e.Parent != "" {
				t.Errorf("province %s has parent %s", e.Code, e.Parent)
			}
		case e.Code[4:] == "00":
			if e.Parent != e.Code[:2]+"0000" {
				t.Errorf("city %s has parent %s", e.Code, e.Parent)
			}
		default:
			if e.Parent[:2] != e.Code[:2] || e.Parent[4:] != "00" {
				t.Errorf("county %s has parent %s", e.Code, e.Parent)
			}
		}
	}
	if provinces != 31 {
		t.Errorf("%d provinces, want 31", provinces)
	}
	if n := len(Children(TableRegion, "440100")); n != 11 {
		t.Errorf("广州市 has %d districts, want 11", n)
	}
}

func TestSubjectsSayWhereTheyAreTaught(t *testing.T) {
	stages := map[string]bool{}
	for _, s := range Entries(TableStage) {
		stages[s.Code] = true
	}
	for _, e := range Entries(TableSubject) {
		if len(e.Stages) == 0 {
			t.Errorf("subject %s has no stages", e.Code)
		}
		for _, s := range e.Stages {
			if !stages[s] {
				t.Errorf("subject %s: unknown stage %s", e.Code, s)
			}
		}
	}
	eng, _ := Lookup(TableSubject, "英语")
	if eng.Parent != "foreign" || !slices.Contains(eng.Stages, "primary") {
		t.Errorf("英语 = %+v", eng)
	}
	kids := Children(TableSubject, "arts")
	if len(kids) < 2 || kids[0].Name != "音乐" {
		t.Errorf("艺术 children = %+v", kids)
	}
}

func TestEntriesAreCopies(t *testing.T) {
	es := Entries(TableTitle)
	es[0].Name = "改了"
	es[3].Aliases[0] = "改了"
	if e, _ := ByCode(TableTitle, "senior"); e.Aliases[0] == "改了" || Entries(TableTitle)[0].Name == "改了" {
		t.Error("Entries returned shared slices")
	}
	if names := Names(TableStage); len(names) != 6 || names[0] != "学前" {
		t.Errorf("Names(stage) = %v", names)
	}
}

func TestPath(t *testing.T) {
	var names []string
	for _, e := range Path(TableRegion, "440106") {
		names = append(names, e.Name)
	}
	if len(names) != 3 || names[0] != "广东省" || names[1] != "广州市" || names[2] != "天河区" {
		t.Errorf("Path(440106) = %v", names)
	}
	if p := Path(TableSubject, "music"); len(p) != 2 || p[0].Code != "arts" {
		t.Errorf("Path(music) = %+v", p)
	}
	if Path(TableRegion, "999999") != nil {
		t.Error("unknown code has a path")
	}
}
