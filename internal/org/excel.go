package org

import (
	"strconv"
	"strings"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/exchange"
)

// lookup resolves a cell through a code table to its code.
func lookup(table string) func(string) (string, bool) {
	return func(s string) (string, bool) {
		e, ok := dict.Lookup(table, s)
		return e.Code, ok
	}
}

func names(m map[string]string, order []string) []string {
	var out []string
	for _, k := range order {
		out = append(out, m[k])
	}
	return out
}

// educationLevel maps any GB/T 4658 entry to the level people are filed at
// (大学本科毕业 → 20 大学本科).
func educationLevel(s string) (string, bool) {
	e, ok := dict.Lookup(dict.TableEducation, s)
	if !ok {
		return "", false
	}
	for code := e.Code; code != ""; {
		if EducationNames[code] != "" {
			return code, true
		}
		p, _ := dict.ByCode(dict.TableEducation, code)
		code = p.Parent
	}
	return "", false
}

// reverse resolves a Chinese name (or the code itself) of a small code map,
// ignoring full-width/half-width differences.
func reverse(m map[string]string) func(string) (string, bool) {
	return func(s string) (string, bool) {
		s = exchange.NormalizeText(s)
		for k, v := range m {
			if exchange.NormalizeText(v) == s || k == s {
				return k, true
			}
		}
		return "", false
	}
}

// PersonSpec is the 人员 import template and export layout.
func PersonSpec() exchange.Spec {
	return withSynonyms("people", exchange.Spec{Name: "人员名单", Note: "带 * 的列必填；身份证号用于识别同一人员，单位填学校标识码或机构全称；学科、学段多个用“、”分隔。",
		Columns: []exchange.Column{
			{Key: "name", Header: "姓名", Required: true},
			{Key: "gender", Header: "性别", Kind: exchange.KindEnum, Options: []string{"男", "女"}, Resolve: reverse(GenderNames)},
			{Key: "id_number", Header: "身份证号", Kind: exchange.KindID, Masked: true, Help: "新增人员必填；用于识别同一人员；导出的打码号码（含 *）原样保留即可"},
			{Key: "phone", Header: "手机号", Kind: exchange.KindCode, Masked: true},
			{Key: "org", Header: "单位", Required: true, Width: 24},
			{Key: "subjects", Header: "任教学科"},
			{Key: "stages", Header: "学段"},
			{Key: "title", Header: "职称", Kind: exchange.KindEnum, Options: names(TitleNames, TitleOrder), Resolve: lookup(dict.TableTitle)},
			{Key: "education", Header: "学历", Kind: exchange.KindEnum, Options: []string{"研究生", "大学本科", "大学专科", "中等专科"}, Resolve: educationLevel},
			{Key: "tier", Header: "梯级", Kind: exchange.KindEnum, Options: names(TierNames, TierOrder), Resolve: reverse(TierNames)},
			{Key: "teaching_since", Header: "从教年份", Kind: exchange.KindInt, Help: "不填时取参加工作时间的年份"},
			{Key: "work_start", Header: "参加工作时间", Kind: exchange.KindDate, Month: true, Help: "如 2001-09-01、2001.09、2001年9月"},
			{Key: "researcher_kind", Header: "教研员类别", Kind: exchange.KindEnum, Options: []string{"专职", "兼职"}, Resolve: reverse(ResearcherKindNames)},
			{Key: "researcher_subject", Header: "教研学科"},
			{Key: "researcher_stage", Header: "教研学段", Kind: exchange.KindEnum, Options: names(StageNames, StageOrder), Resolve: lookup(dict.TableStage)},
			{Key: "office", Header: "所属教研机构", Width: 24},
			{Key: "expert", Header: "专家库", Kind: exchange.KindBool},
			{Key: "system_id", Header: "系统编号", Kind: exchange.KindInt, Help: "导出时自动填写，用于重新导入时识别同一人员；新增人员请留空"},
		}})
}

// PersonRows maps read rows to import rows; cells that do not resolve
// (an unknown 学段) become row errors in errs.
func PersonRows(rows []exchange.Row, errs *exchange.RowErrors) []PersonRow {
	out := make([]PersonRow, 0, len(rows))
	for _, r := range rows {
		v := r.Values
		year, _ := strconv.Atoi(v["teaching_since"])
		p := Person{Name: v["name"], Gender: v["gender"], IDNumber: v["id_number"], Phone: v["phone"],
			Subjects: subjectNames(v["subjects"]), Stages: codes(r.Num, "stages", v["stages"], dict.TableStage, errs),
			Title: v["title"], Education: v["education"], Tier: v["tier"], TeachingSince: year, WorkStart: v["work_start"],
			ResearcherKind: v["researcher_kind"], ResearcherSubject: v["researcher_subject"], ResearcherStage: v["researcher_stage"],
			Expert: v["expert"] == "是"}
		id, _ := strconv.ParseInt(v["system_id"], 10, 64)
		out = append(out, PersonRow{Row: r.Num, ID: id, Org: v["org"], Office: v["office"], Person: p})
	}
	return out
}

func splitCell(s string) []string {
	return strings.FieldsFunc(s, func(c rune) bool { return c == '、' || c == ',' || c == '，' || c == ';' || c == '；' || c == ' ' })
}

// codes resolves a multi-value cell through a code table.
func codes(row int, key, cell, table string, errs *exchange.RowErrors) []string {
	var out []string
	for _, part := range splitCell(cell) {
		e, ok := dict.Lookup(table, part)
		if !ok {
			errs.Add(row, key, "无法识别“%s”", part)
			continue
		}
		out = append(out, e.Code)
	}
	return out
}

// subjectNames canonicalises subject names through the 学科 table (道法 →
// 道德与法治), keeping unknown ones as written.
func subjectNames(cell string) []string {
	var out []string
	for _, part := range splitCell(cell) {
		if e, ok := dict.Lookup(dict.TableSubject, part); ok {
			part = e.Name
		}
		out = append(out, part)
	}
	return out
}

// PersonRecord is a person as one export row, in PersonSpec's column order,
// with 身份证号 and 手机号 masked whatever p holds: an export carries full
// numbers only through PersonRecordFull (see ExportPeopleFull). Importing
// the row back matches the person by 系统编号.
func PersonRecord(p Person) []string {
	p.IDNumber, p.Phone = maskedID(p.IDNumber), maskedPhone(p.Phone)
	return PersonRecordFull(p)
}

// PersonRecordFull is PersonRecord with the numbers as p holds them.
func PersonRecordFull(p Person) []string {
	year := ""
	if p.TeachingSince > 0 {
		year = strconv.Itoa(p.TeachingSince)
	}
	org := p.OrgName
	if p.OrgCode != "" {
		org = p.OrgCode
	}
	return []string{p.Name, p.GenderName(), p.IDNumber, p.Phone, org, strings.Join(p.Subjects, "、"),
		joinNames(p.Stages, StageNames), p.TitleName(), EducationNames[p.Education], p.TierName(), year, p.WorkStart,
		ResearcherKindNames[p.ResearcherKind], p.ResearcherSubject, StageNames[p.ResearcherStage], p.OfficeName, yesNo(p.Expert),
		strconv.FormatInt(p.ID, 10)}
}

// OrgSpec is the 机构与学校 import template and export layout.
func OrgSpec() exchange.Spec {
	kinds := []string{KindNames[KindBureau], KindNames[KindResearchOffice], KindNames[KindSchool], KindNames[KindTeachingPoint]}
	return withSynonyms("orgs", exchange.Spec{Name: "学校名单", Note: "学校、教学点须填写 10 位学校标识码；教学点填写所属学校的标识码；学段多个用“、”分隔。",
		Columns: []exchange.Column{
			{Key: "name", Header: "名称", Required: true, Width: 28},
			{Key: "kind", Header: "类型", Kind: exchange.KindEnum, Options: kinds, Required: true, Resolve: reverse(KindNames)},
			{Key: "region", Header: "区划代码", Kind: exchange.KindCode, Required: true},
			{Key: "school_code", Header: "学校标识码", Kind: exchange.KindCode},
			{Key: "parent", Header: "所属学校标识码", Kind: exchange.KindCode},
			{Key: "stages", Header: "学段"},
			{Key: "locale", Header: "城乡类型", Kind: exchange.KindEnum, Options: []string{"城区", "镇区", "乡村"}, Resolve: reverse(LocaleNames)},
			{Key: "weak", Header: "薄弱学校", Kind: exchange.KindBool},
			{Key: "address", Header: "地址", Width: 30},
		}})
}

// OrgRows maps read rows to import rows.
func OrgRows(rows []exchange.Row, errs *exchange.RowErrors) []OrgRow {
	out := make([]OrgRow, 0, len(rows))
	for _, r := range rows {
		v := r.Values
		o := Org{Name: v["name"], Kind: v["kind"], RegionCode: v["region"], SchoolCode: v["school_code"],
			Stages: codes(r.Num, "stages", v["stages"], dict.TableStage, errs), Locale: v["locale"], Weak: v["weak"] == "是",
			Address: v["address"]}
		out = append(out, OrgRow{Row: r.Num, Parent: v["parent"], Org: o})
	}
	return out
}

// OrgRecord is an organisation as one export row, in OrgSpec's order.
func OrgRecord(o Org, parentCode string) []string {
	return []string{o.Name, o.KindName(), o.RegionCode, o.SchoolCode, parentCode, joinNames(o.Stages, StageNames),
		LocaleNames[o.Locale], yesNo(o.Weak), o.Address}
}

// RegionSpec is the 行政区域 import template.
func RegionSpec() exchange.Spec {
	levels := []string{RegionLevelNames["city"], RegionLevelNames["county"], RegionLevelNames["town"]}
	return withSynonyms("regions", exchange.Spec{Name: "行政区域", Note: "区划代码按 GB/T 2260（市、县 6 位，镇街 9 位）；上级先于下级填写。",
		Columns: []exchange.Column{
			{Key: "code", Header: "区划代码", Kind: exchange.KindCode, Required: true},
			{Key: "name", Header: "名称", Required: true},
			{Key: "level", Header: "级别", Kind: exchange.KindEnum, Options: levels, Required: true, Resolve: reverse(RegionLevelNames)},
			{Key: "parent", Header: "上级区划代码", Kind: exchange.KindCode},
			{Key: "mountain", Header: "山区县", Kind: exchange.KindBool},
		}})
}

// RegionRows maps read rows to import rows.
func RegionRows(rows []exchange.Row) []RegionRow {
	out := make([]RegionRow, 0, len(rows))
	for _, r := range rows {
		v := r.Values
		out = append(out, RegionRow{Row: r.Num, Region: Region{Code: v["code"], Name: v["name"], Level: v["level"],
			ParentCode: v["parent"], Mountain: v["mountain"] == "是"}})
	}
	return out
}

// GroupSpec is the 教研组 import template.
func GroupSpec() exchange.Spec {
	kinds := []string{"学科教研组", "备课组", "年级组", "片区教研组", "项目教研组"}
	return withSynonyms("groups", exchange.Spec{Name: "教研组", Note: "学校填学校标识码；组长、成员填身份证号（成员多个用“、”分隔），须为已登记的人员。",
		Columns: []exchange.Column{
			{Key: "school", Header: "学校", Required: true},
			{Key: "name", Header: "教研组名称", Required: true},
			{Key: "kind", Header: "类型", Kind: exchange.KindEnum, Options: kinds, Required: true, Resolve: reverse(GroupKindNames)},
			{Key: "subject", Header: "学科"},
			{Key: "stage", Header: "学段", Kind: exchange.KindEnum, Options: names(StageNames, StageOrder), Resolve: lookup(dict.TableStage)},
			{Key: "leader", Header: "组长身份证号", Kind: exchange.KindID},
			{Key: "members", Header: "成员身份证号", Width: 40},
			{Key: "filed_on", Header: "报备日期", Kind: exchange.KindDate},
		}})
}

// GroupRows maps read rows to import rows.
func GroupRows(rows []exchange.Row) []GroupRow {
	out := make([]GroupRow, 0, len(rows))
	for _, r := range rows {
		v := r.Values
		g := Group{Name: v["name"], Kind: v["kind"], Subject: v["subject"], Stage: v["stage"], FiledOn: v["filed_on"]}
		out = append(out, GroupRow{Row: r.Num, School: v["school"], Leader: v["leader"], Members: splitCell(v["members"]), Group: g})
	}
	return out
}
