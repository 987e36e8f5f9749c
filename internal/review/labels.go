package review

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"expert": "评审专家", "campaign": "评审活动", "submission": "申报项目",
		"assignment": "评审任务", "objection": "公示异议", "certificate": "证书", "project": "课题", "outcome": "成果", "review_submission": "申报材料", "review_campaign": "评审通知", "contest_round": "比拼轮次"})
	audit.RegisterActions(map[string]string{
		"expert.join": "专家入库", "expert.leave": "专家出库", "expert.update": "修改专家信息", "expert.conflict": "登记回避关系",
		"campaign.create": "发布评审活动", "contest.round": "发布比拼轮次", "review.assign": "分配评审专家（后台任务）", "campaign.rubric": "修订评分量表", "campaign.assign": "分配评审专家",
		"campaign.reassign": "补派评审专家", "campaign.aggregate": "汇总评审结果", "campaign.publicity": "开始公示",
		"campaign.finalize": "确定最终名单",
		"submission.save":   "保存申报草稿", "submission.submit": "提交申报", "submission.withdraw": "撤回申报",
		"submission.recommend": "推荐申报项目", "submission.check": "形式审查",
		"assignment.accept": "接受评审邀请", "assignment.decline": "谢绝评审邀请", "assignment.declare": "回避声明",
		"assignment.score": "保存评分", "assignment.submit": "提交评分",
		"objection.file": "提出公示异议", "review_submission.attach": "上传申报附件", "review_campaign.attach": "上传通知附件", "review_campaign.detach": "删除通知附件", "review_submission.detach": "删除申报附件", "project.establish": "课题立项", "outcome.publish": "发布到成果库", "project.advance": "课题阶段推进", "objection.resolve": "处理公示异议",
	})
}
