package notify

import "jiaoyan/internal/audit"

// The Chinese names of the audit codes this package writes.
func init() {
	audit.RegisterObjects(map[string]string{"notice": "通知公告"})
	audit.RegisterActions(map[string]string{"notice.create": "发布通知", "notice.update": "修改通知",
		"notice.read": "确认已读通知", "notify.mail": "设置提醒邮箱"})
}
