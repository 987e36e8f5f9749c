package rectify

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"rectify": "整改"})
	audit.RegisterActions(map[string]string{
		"rectify.open": "发起整改", "rectify.interpret": "填写二次解读", "rectify.investigate": "填写问题调研",
		"rectify.plan": "制定整改方案", "rectify.evidence": "填写整改落实", "rectify.submit": "提交整改待复核",
		"rectify.review": "复核整改", "rectify.attach": "添加问题调研附件", "rectify.detach": "删除问题调研附件",
	})
}
