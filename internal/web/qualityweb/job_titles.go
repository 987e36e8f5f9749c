package qualityweb

import "jiaoyan/internal/web"

func init() {
	web.RegisterJobTitle("quality.scores", "成绩导入任务")
	web.RegisterJobTitle("quality.analyze", "质量分析任务")
}
