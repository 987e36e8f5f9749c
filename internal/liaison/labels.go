package liaison

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"visit": "到校记录", "round": "联系学校轮次", "link": "联系安排",
		"station_plan": "蹲点视导安排", "training": "培训记录"})
	audit.RegisterActions(map[string]string{
		"round.create": "新建联系学校轮次", "round.publish": "发布联系学校轮次", "round.close": "结束联系学校轮次",
		"round.plan": "自动安排联系学校", "round.targets": "选择目标学校",
		"round.target_remove": "移除目标学校", "round.team": "设置联系团队", "round.team_remove": "移除联系团队",
		"link.create": "手工安排联系学校", "link.delete": "取消联系安排", "link.move": "改派联系学校",
		"link.update": "填写调研报告与提升方案", "guidance.create": "制定跟进式指导计划", "guidance.followup": "记录跟进指导",
		"exchange.create": "记录工作交流", "station_plan.create": "新建蹲点视导安排", "station_plan.plan": "自动安排蹲点视导",
		"station_plan.publish": "发布蹲点视导安排", "training.create": "记录培训",
	})
}
