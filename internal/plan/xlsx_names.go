package plan

import "strings"

// Chinese labels for JSON names, used as xlsx sheet names and column headers.
// A header is written as 标签（json_name）; on reading, the label, the JSON name
// or both are accepted.
var labels = map[string]string{
	"submissions": "项目", "experts": "专家", "conflicts": "回避", "affinities": "匹配度",
	"researchers": "教研员", "schools": "学校", "links": "联系", "assignments": "分配",
	"loads": "专家工作量", "unassigned": "缺额", "without_senior": "缺资深专家",
	"table": "轮换表", "visits": "学校蹲点", "uncovered": "未覆盖", "vacant": "空缺", "idle": "未达最少",
	"id": "编号", "name": "名称", "title": "题目", "subject": "学科", "subjects": "学科", "stage": "学段",
	"stages": "学段", "school": "学校", "county": "县区", "authors": "作者", "max_load": "评审上限",
	"senior": "资深", "expert": "专家", "person": "人员", "submission": "项目", "reason": "原因",
	"score": "匹配度", "affinity": "匹配度", "missing": "缺少人数", "load": "评审数", "researcher": "教研员",
	"visited": "已蹲点学校", "kind": "类型", "team_size": "联系人数", "lat": "纬度", "lon": "经度",
	"capacity": "联系学校数", "cost": "成本", "distance_km": "距离公里", "term": "学期", "terms": "学期",
	"k": "每项专家数", "avoid_same_county": "同县区回避", "distinct_counties": "评审来自不同县区",
	"require_senior": "至少一名资深专家", "balance_load": "均衡工作量", "balance_weight": "均衡权重",
	"term_names": "学期名称", "stage_mismatch": "学段不同代价", "other_county": "跨县区代价",
	"same_county": "同县区代价", "per_km": "每公里代价", "max_schools": "联系学校上限",
	"min_schools": "联系学校下限", "require_stage": "要求学段一致", "summary": "概要", "warnings": "提示",
	"pairs": "分配人次", "total_affinity": "总匹配度", "load_penalty": "工作量代价", "feasible": "可行",
	"shortage": "名额不足", "min_visits": "每校最少人次", "max_visits": "每校最多人次",
	"preference_cost": "偏好代价", "total_cost": "总成本",
}

const paramSheet = "参数"

func labelOf(name string) string {
	if l, ok := labels[name]; ok {
		return l + "（" + name + "）"
	}
	return name
}

func sheetNameOf(name string) string {
	if l, ok := labels[name]; ok {
		return l
	}
	return name
}

// matchesName reports whether a header or sheet name written by a person
// stands for the JSON name: 学科（subject）, 学科, subject all do.
func matchesName(cell, name string) bool {
	cell = strings.TrimSpace(cell)
	if cell == name || cell == labels[name] {
		return true
	}
	if i := strings.Index(cell, "（"); i > 0 && strings.HasSuffix(cell, "）") {
		return strings.TrimSuffix(cell[i+len("（"):], "）") == name
	}
	if i := strings.Index(cell, "("); i > 0 && strings.HasSuffix(cell, ")") {
		return strings.TrimSuffix(cell[i+1:], ")") == name
	}
	return false
}
