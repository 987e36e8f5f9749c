package adminweb

import (
	"sort"
	"strings"

	"jiaoyan/internal/audit"
)

// auditView is one audit row as the auditor reads it: the action and the
// object in Chinese, the change as "字段：旧值 → 新值" lines. An action
// nobody named shows （其他操作） with its code only in a title attribute.
type auditView struct {
	audit.Row
	ActionName string
	Known      bool
	ObjectName string
	Changes    []string
}

func viewOf(r audit.Row) auditView {
	name, ok := audit.ActionName(r.Action)
	if !ok {
		name = audit.OtherAction
	}
	return auditView{Row: r, ActionName: name, Known: ok, ObjectName: audit.ObjectLabel(r.ObjectType),
		Changes: audit.ChangeLines(r.ObjectType, r.BeforeJSON, r.AfterJSON)}
}

func viewsOf(rows []audit.Row) []auditView {
	out := make([]auditView, len(rows))
	for i, r := range rows {
		out[i] = viewOf(r)
	}
	return out
}

// choice is one option of a filter select.
type choice struct{ Value, Name string }

// choicesOf lists names (code -> Chinese) as options ordered by Chinese name.
func choicesOf(names map[string]string) []choice {
	out := make([]choice, 0, len(names))
	for v, n := range names {
		out = append(out, choice{v, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// changeText is a row's change lines for one spreadsheet cell.
func changeText(v auditView) string { return strings.Join(v.Changes, "\n") }
