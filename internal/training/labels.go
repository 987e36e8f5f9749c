package training

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this module writes.
func init() {
	audit.RegisterObjects(map[string]string{"claim": "学分认定申请", "school_plan": "校本研修方案", "tier": "梯级认定", "program": "培训项目", "survey": "问卷",
		"designation": "学校称号", "designation_kind": "学校称号类别"})
	audit.RegisterActions(map[string]string{"claim.create": "申报学分认定", "claim.approve": "学校审核学分认定",
		"claim.attach": "上传培训证书", "credit.import": "导入培训证书",
		"school_plan.save": "保存校本研修方案", "school_plan.submit": "报送校本研修方案", "school_plan.filed": "备案校本研修方案",
		"school_plan.returned": "退回校本研修方案", "tier.record": "记录梯级认定",
		"program.create": "新增培训项目", "program.signup": "报名培训项目", "program.complete": "培训项目结业",
		"program.session": "新增培训场次", "program.checkin": "培训签到", "survey.create": "发布问卷", "program.quota": "分配培训名额", "program.nominate": "指派或推荐参训",
		"program.enrol_approved": "录取参训人员", "program.enrol_returned": "不予录取参训人员", "survey.answer": "提交问卷", "survey.close": "结束问卷",
		"designation.create": "认定学校称号", "designation.remove": "撤销学校称号", "designation_kind.create": "新增学校称号类别"})
}
