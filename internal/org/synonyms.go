package org

import "jiaoyan/internal/exchange"

// HeaderSynonyms are the other header words counties use for each column
// of each import kind (import kind → column key → words), besides the
// template header and the key itself. It is the one table header matching
// uses, on the import page and in `jiaoyan import` alike; widths, spaces and
// a required-mark "*" are ignored when matching. A word may appear under
// one column of a kind only.
var HeaderSynonyms = map[string]map[string][]string{
	"people": {
		"name":           {"教师姓名", "姓 名"},
		"gender":         {"性 别"},
		"id_number":      {"身份证号码", "证件号码", "公民身份号码", "身份证"},
		"phone":          {"手机", "手机号码", "联系电话", "联系方式"},
		"org":            {"所在学校", "工作单位", "学校", "所在单位", "单位名称", "学校名称", "学校标识码"},
		"subjects":       {"学科", "任教科目", "所教学科"},
		"stages":         {"任教学段"},
		"title":          {"专业技术职务", "职称（专业技术职务）", "现任职称"},
		"education":      {"最高学历", "学历（最高）"},
		"tier":           {"五梯级", "教师梯级"},
		"teaching_since": {"参加工作年份", "教龄起始年", "从教年"},
		"work_start":     {"参加工作时间", "参加工作日期", "任教时间"},
		"office":         {"教研机构"},
		"system_id":      {"编号"},
	},
	"orgs": {
		"name":        {"学校名称", "机构名称", "单位名称"},
		"kind":        {"机构类型", "学校类型"},
		"region":      {"所在区域", "行政区划代码", "区划"},
		"school_code": {"学校代码", "标识码"},
		"parent":      {"所属学校"},
		"address":     {"学校地址", "详细地址"},
	},
	"regions": {
		"code":   {"行政区划代码", "代码"},
		"name":   {"区域名称", "行政区域"},
		"parent": {"上级代码"},
	},
	"groups": {
		"school":   {"学校标识码", "所属学校", "学校名称"},
		"name":     {"名称", "组名"},
		"kind":     {"教研组类型"},
		"leader":   {"组长", "组长身份证"},
		"members":  {"成员"},
		"filed_on": {"报备时间"},
	},
}

// withSynonyms sets each column's Aliases from HeaderSynonyms.
func withSynonyms(kind string, spec exchange.Spec) exchange.Spec {
	words := HeaderSynonyms[kind]
	for i := range spec.Columns {
		spec.Columns[i].Aliases = words[spec.Columns[i].Key]
	}
	return spec
}
