package org

import (
	"strings"
	"time"
	"unicode"

	"jiaoyan/internal/secret"
)

// Stage (学段) codes and names.
var StageNames = map[string]string{
	"preschool": "学前", "primary": "小学", "junior": "初中", "senior": "高中", "vocational": "中职", "special": "特殊教育",
}

// StageOrder is the display order of stages.
var StageOrder = []string{"preschool", "primary", "junior", "senior", "vocational", "special"}

// KindNames are the Chinese names of organisation kinds.
var KindNames = map[string]string{
	KindBureau: "教育局", KindResearchOffice: "教研院（教师发展中心）", KindSchool: "学校", KindTeachingPoint: "教学点",
}

// LocaleNames are 城乡类型.
var LocaleNames = map[string]string{"urban": "城区", "town": "镇区", "rural": "乡村"}

// TitleNames are 职称, lowest first.
var TitleNames = map[string]string{
	"third": "三级教师", "second": "二级教师", "first": "一级教师", "senior": "高级教师", "principal": "正高级教师",
}

// TitleOrder lists titles from lowest to highest.
var TitleOrder = []string{"third", "second", "first", "senior", "principal"}

// TierNames are the 五梯级 tiers.
var TierNames = map[string]string{
	"new": "新任教师", "qualified": "合格教师", "backbone": "骨干教师", "leader": "学科带头人", "master": "名师名校长",
}

// TierOrder lists tiers from the first to the fifth.
var TierOrder = []string{"new", "qualified", "backbone", "leader", "master"}

// GenderNames follow GB/T 2261.1.
var GenderNames = map[string]string{"1": "男", "2": "女"}

// EducationNames are the GB/T 4658 学历 levels used for teachers.
var EducationNames = map[string]string{
	"10": "研究生", "20": "大学本科", "30": "大学专科", "40": "中等专科", "60": "普通高中", "90": "其他",
}

// ResearcherKindNames: 专职 / 兼职 教研员.
var ResearcherKindNames = map[string]string{"fulltime": "专职", "parttime": "兼职"}

// GroupKindNames are the 教研组 kinds.
var GroupKindNames = map[string]string{
	"subject": "学科教研组", "lesson_prep": "备课组", "grade": "年级组", "cluster": "片区教研组", "project": "项目教研组",
}

// StudioLevelNames are the levels of a 名师工作室.
var StudioLevelNames = map[string]string{"province": "省级", "city": "市级", "county": "县级", "school": "校级"}

// RegionLevelNames are the levels of the region tree.
var RegionLevelNames = map[string]string{"province": "省", "city": "市", "county": "县（市、区）", "town": "镇街"}

// idWeights and idCheck are the GB 11643-1999 check-digit rule.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// NormalizeIDNumber folds full-width characters and spaces and upper-cases
// a trailing x.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(foldWidth(strings.TrimSpace(s)))
}

// CheckIDNumber validates an 18-character 居民身份证号码: digits, a real birth
// date, and the GB 11643 check character. It returns "" when valid, or the
// Chinese reason.
func CheckIDNumber(id string) string {
	if len(id) != 18 {
		return "身份证号应为 18 位"
	}
	sum := 0
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return "身份证号前 17 位应为数字"
		}
		sum += int(id[i]-'0') * idWeights[i]
	}
	if _, err := time.Parse("20060102", id[6:14]); err != nil {
		return "身份证号中的出生日期无效"
	}
	if id[17] != idCheck[sum%11] {
		return "身份证号校验位不正确，请核对"
	}
	return ""
}

// CheckSchoolCode validates a 10-digit 学校标识码 whose 2nd-3rd digits are the
// province of region (a 6-digit region code).
func CheckSchoolCode(code, region string) string {
	if len(code) != 10 || strings.IndexFunc(code, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return "学校标识码应为 10 位数字"
	}
	if len(region) >= 2 && code[1:3] != region[:2] {
		return "学校标识码第 2-3 位应为所在省份代码 " + region[:2]
	}
	return ""
}

// CheckPhone validates a mainland mobile number or a landline with area code.
func CheckPhone(p string) string {
	digits := strings.ReplaceAll(p, "-", "")
	if len(digits) == 11 && digits[0] == '1' && allDigits(digits) {
		return ""
	}
	if len(digits) >= 10 && len(digits) <= 12 && digits[0] == '0' && allDigits(digits) {
		return ""
	}
	return "手机号应为 11 位，座机请带区号（如 0577-88888888）"
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// foldWidth turns full-width ASCII (０-９, Ａ-Ｚ, ｘ) into half-width.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		if r == 0x3000 || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// MaskID shows the first 4 and last 4 characters of an ID number.
func maskedID(s string) string { return secret.Mask(s, 4, 4) }

// maskedPhone shows the first 3 and last 4 digits of a phone number.
func maskedPhone(s string) string { return secret.Mask(s, 3, 4) }
