package reviewweb

import "jiaoyan/internal/web"

func init() { web.RegisterJobTitle("review.assign", "专家分配任务") }
