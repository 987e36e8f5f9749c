package policy

import "jiaoyan/internal/audit"

// AppliesToName is the Chinese name of the rule's 适用对象 (教研员, 学校 …).
func (d RuleDef) AppliesToName() string {
	if n, ok := AppliesToNames[d.AppliesTo]; ok {
		return n
	}
	return "其他"
}

func init() {
	audit.RegisterActions(map[string]string{"policy.apply_preset": "采用政策规则预置方案", "policy.update": "修改政策规则"})
	audit.RegisterObjects(map[string]string{"policy_set": "区域规则方案", "policy_rule": "政策规则"})
}
