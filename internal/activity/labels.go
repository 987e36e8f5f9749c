package activity

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{ObjectType: "教研活动", "rubric": "评课量表", "observation": "听课记录", "service": "送教项目", "service_order": "送教订单", "room": "虚拟教研室", "studio": "名师工作室", "study_day": "学科研修日", PostObject: "网络教研帖子", KindObject: "活动类型"})
	audit.RegisterActions(map[string]string{
		"activity.create": "新建教研活动", "activity.update": "修改教研活动", "activity.publish": "发布教研活动",
		"activity.end": "结束教研活动", "activity.outcome": "提交活动成果", "activity.approve": "活动成果审核通过",
		"activity.return": "活动成果退回修改", "activity.signup": "报名教研活动", "activity.cancel": "取消报名",
		"activity.invite": "邀请或指派参加活动", "activity.checkin": "活动签到",
		"rubric.save": "保存评课量表", "observation.create": "新建听课记录", "observation.draft": "保存听课记录草稿",
		"observation.submit": "提交听课记录", "observation.respond": "回复听课评价", "observation.code": "记录课堂观察编码",
		"service.create": "发布送教项目", "service.order": "预约送教", "service.dispatch": "派送送教", "service.plan": "拟定送教方案", "service.plan_confirm": "确认送教方案",
		"service.plan_return": "请求修改送教方案", "service.feedback": "送教反馈",
		"room.create": "建立虚拟教研室", "room.members_add": "教研室加入成员", "room.members_remove": "教研室移出成员", "room.session": "安排线上研讨", "room.post": "网络教研发帖", "studio.assign": "工作室定点入驻", "study_day.save": "设定学科研修日",
		"activity_kind.add": "新增活动类型", "activity_kind.rename": "活动类型改名", "activity_kind.retire": "停用活动类型",
		"activity_kind.restore": "恢复活动类型", "activity_kind.delete": "删除活动类型",
		"activity.attach": "上传活动附件", "room_post.attach": "上传帖子附件",
	})
}
