package liaison

import (
	"strconv"
	"strings"
)

// named is one school (or term) the planner left out and why.
type named struct {
	name, reason string
}

// grouped states each distinct reason once, with the count and the list of
// names it applies to, in the order the reasons first appear:
// "未覆盖的学校 2 所（蹲点名额不足）：甲小学、乙小学". With head "" a line is
// the reason followed by the names: "教研员甲 空缺：……（2025学年第二学期、…）".
func grouped(head, unit string, items []named) []string {
	var order []string
	byReason := map[string][]string{}
	for _, it := range items {
		if _, seen := byReason[it.reason]; !seen {
			order = append(order, it.reason)
		}
		byReason[it.reason] = append(byReason[it.reason], it.name)
	}
	out := make([]string, 0, len(order))
	for _, r := range order {
		list := strings.Join(byReason[r], "、")
		if head == "" {
			out = append(out, r+"（"+list+"）")
			continue
		}
		line := head + " " + strconv.Itoa(len(byReason[r])) + " " + unit
		if r != "" {
			line += "（" + r + "）"
		}
		out = append(out, line+"："+list)
	}
	return out
}

// shortReason drops the slot arithmetic from a "蹲点名额不足：…" reason when
// the plan's shortage line already states it, so it is said once.
func shortReason(reason, shortage string) string {
	if shortage != "" && strings.HasPrefix(reason, "蹲点名额不足") {
		return "蹲点名额不足"
	}
	return reason
}
