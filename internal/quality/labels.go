package quality

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"exam": "质量监测考试", "exam_report": "质量分析报告", "quality_indicator": "学业质量指标"})
	audit.RegisterActions(map[string]string{
		"exam.create": "新建质量监测考试", "exam.update": "修改质量监测考试", "exam.delete": "删除质量监测考试", "exam.paper": "导入试卷（题目表）",
		"exam.scores": "导入成绩", "exam.analyze": "运行质量分析", "exam.indicator": "填写学业质量指标", "exam.indicators_import": "导入学业质量指标", "exam.students_view": "查看学生成绩与排名",
	})
}
