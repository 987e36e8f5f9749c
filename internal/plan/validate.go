package plan

import (
	"fmt"

	"jiaoyan/internal/app"
)

// uniqueIDs checks that every id is present and distinct and returns the index
// of each. what is the Chinese noun used in messages (项目, 专家, 学校...).
func uniqueIDs(list, what string, n int, id func(int) string) (map[string]int, error) {
	index := make(map[string]int, n)
	for i := range n {
		v := id(i)
		if v == "" {
			return nil, app.Invalid(field(list, i, "id"), "第%d个%s没有编号（id）", i+1, what)
		}
		if j, ok := index[v]; ok {
			return nil, app.Invalid(field(list, i, "id"), "%s编号“%s”重复：第%d个和第%d个", what, v, j+1, i+1)
		}
		index[v] = i
	}
	return index, nil
}

// field names an element's field the way the JSON spells it: experts[3].max_load.
func field(list string, i int, name string) string {
	return fmt.Sprintf("%s[%d].%s", list, i, name)
}
