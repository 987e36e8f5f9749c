package audit

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The label registry gives every code the audit log stores its Chinese
// name for the auditor's page and export. Each package that writes audit
// rows registers its own action codes, object types, snapshot field names
// and code values from an init function in its labels.go, the way
// database/sql drivers register themselves; the site imports them all.
var labels = struct {
	sync.RWMutex
	actions, objects map[string]string
	fields           map[string]map[string]string // object type -> key -> Chinese label
	values           map[string]map[string]string // Chinese field label -> code -> Chinese
}{actions: map[string]string{}, objects: map[string]string{}, fields: map[string]map[string]string{},
	values: map[string]map[string]string{}}

// verbs name the generic verbs an action code may end with; "visit.create"
// reads 新增 + the object type's name when no exact name is registered.
var verbs = map[string]string{"create": "新增", "update": "修改", "delete": "删除", "save": "保存",
	"import": "导入", "attach": "上传附件：", "detach": "删除附件："}

// OtherAction is what the page shows for an action code nobody registered.
const OtherAction = "（其他操作）"

// RegisterActions names action codes ("auth.login" -> "登录").
func RegisterActions(names map[string]string) { put(labels.actions, names) }

// RegisterObjects names object types ("visit" -> "到校记录").
func RegisterObjects(names map[string]string) { put(labels.objects, names) }

// RegisterFields names the keys of an object type's before/after values
// when they are not already Chinese; the key "" names a value that is not
// an object (a bare list or string).
func RegisterFields(objectType string, names map[string]string) {
	labels.Lock()
	defer labels.Unlock()
	if labels.fields[objectType] == nil {
		labels.fields[objectType] = map[string]string{}
	}
	for k, v := range names {
		labels.fields[objectType][k] = v
	}
}

// RegisterValues names the codes a field (by its Chinese label, e.g. 角色)
// may hold ("county_admin" -> "县级管理员").
func RegisterValues(field string, names map[string]string) {
	labels.Lock()
	defer labels.Unlock()
	if labels.values[field] == nil {
		labels.values[field] = map[string]string{}
	}
	for k, v := range names {
		labels.values[field][k] = v
	}
}

func put(m, names map[string]string) {
	labels.Lock()
	defer labels.Unlock()
	for k, v := range names {
		m[k] = v
	}
}

// ActionName is the Chinese name of an action code: the registered name,
// or a generic verb with its object type's name ("person.import" ->
// 导入人员); ok is false when neither is registered.
func ActionName(code string) (name string, ok bool) {
	labels.RLock()
	defer labels.RUnlock()
	if n, ok := labels.actions[code]; ok {
		return n, true
	}
	obj, verb, found := strings.Cut(code, ".")
	if v, isVerb := verbs[verb]; found && isVerb {
		if o, ok := labels.objects[obj]; ok {
			return v + o, true
		}
	}
	return "", false
}

// ActionLabel is ActionName, or OtherAction for an unregistered code.
func ActionLabel(code string) string {
	if n, ok := ActionName(code); ok {
		return n
	}
	return OtherAction
}

// ObjectName is the Chinese name of an object type; ok is false when it
// is not registered.
func ObjectName(typ string) (string, bool) {
	labels.RLock()
	defer labels.RUnlock()
	n, ok := labels.objects[typ]
	return n, ok
}

// ObjectLabel is ObjectName, or "" for an unregistered (or empty) type.
func ObjectLabel(typ string) string {
	n, _ := ObjectName(typ)
	return n
}

// Actions are the registered action codes, for tests that check coverage.
func Actions() map[string]string {
	labels.RLock()
	defer labels.RUnlock()
	out := make(map[string]string, len(labels.actions))
	for k, v := range labels.actions {
		out[k] = v
	}
	return out
}

// fieldLabel is the Chinese label of key in objectType's values: the key
// itself when it is already Chinese, the registered name, or 其他字段.
func fieldLabel(objectType, key string) string {
	if key != "" && !isLatin(key) {
		return key
	}
	labels.RLock()
	defer labels.RUnlock()
	if n, ok := labels.fields[objectType][key]; ok {
		return n
	}
	if key == "" {
		return "内容"
	}
	return "其他字段"
}

// valueLabel is the Chinese of a field's value: a registered code, or a
// comma-separated list whose every item is a registered code, or v itself.
func valueLabel(field, v string) string {
	labels.RLock()
	defer labels.RUnlock()
	names := labels.values[field]
	if n, ok := names[v]; ok {
		return n
	}
	parts := strings.Split(v, ",")
	if len(parts) < 2 {
		return v
	}
	for i, p := range parts {
		n, ok := names[strings.TrimSpace(p)]
		if !ok {
			return v
		}
		parts[i] = n
	}
	return strings.Join(parts, "、")
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > 0x7f {
			return false
		}
	}
	return true
}

// ChangeLines shows a row's before/after values as the auditor reads them:
// one "字段：旧值 → 新值" line per changed field, with Chinese field names
// and coded values named; a creation lists "字段：值", a deletion
// "字段：旧值 → （空）". The record version is left out.
func ChangeLines(objectType, beforeJSON, afterJSON string) []string {
	before, hadBefore := flatten(objectType, beforeJSON)
	after, _ := flatten(objectType, afterJSON)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []string
	for _, k := range sortedKeys(keys) {
		b, a := before[k], after[k]
		switch {
		case k == VersionKey || b == a:
		case !hadBefore:
			out = append(out, k+"："+a)
		default:
			out = append(out, k+"："+blank(b)+" → "+blank(a))
		}
	}
	return out
}

// flatten decodes a stored JSON value into Chinese label -> display text.
func flatten(objectType, raw string) (map[string]string, bool) {
	if raw == "" {
		return nil, false
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return map[string]string{fieldLabel(objectType, ""): raw}, true
	}
	out := map[string]string{}
	m, isMap := v.(map[string]any)
	if !isMap {
		f := fieldLabel(objectType, "")
		out[f] = display(objectType, f, v)
		return out, true
	}
	for k, x := range m {
		f := fieldLabel(objectType, k)
		if s := display(objectType, f, x); out[f] == "" {
			out[f] = s
		} else {
			out[f] += "；" + s
		}
	}
	return out, true
}

// display is the text of one decoded value of field f.
func display(objectType, f string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		return map[bool]string{true: "是", false: "否"}[x]
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return valueLabel(f, x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = display(objectType, f, e)
		}
		return strings.Join(parts, "、")
	case map[string]any:
		var parts []string
		for _, k := range sortedKeys(x) {
			sub := fieldLabel(objectType, k)
			parts = append(parts, sub+"："+display(objectType, sub, x[k]))
		}
		return strings.Join(parts, "；")
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Objects are the registered object types and their Chinese names, for
// the auditor's filter.
func Objects() map[string]string {
	labels.RLock()
	defer labels.RUnlock()
	out := make(map[string]string, len(labels.objects))
	for k, v := range labels.objects {
		out[k] = v
	}
	return out
}
