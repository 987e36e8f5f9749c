package notify

import "jiaoyan/internal/app"

// PermNoticePublish lets bureau, office or school staff publish 通知公告 to
// an audience inside their data scope, edit and withdraw their
// organisation's notices, and read the 回执 (who has and has not read).
const PermNoticePublish app.Perm = "notice.publish"

// PermNames are the Chinese names of this package's permissions, for the
// role pages. notify sits below auth, so notifyweb registers them.
var PermNames = []app.PermDef{
	{Code: PermNoticePublish, Name: "发布通知公告与查看回执"},
}

// Notice statuses.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusWithdrawn = "withdrawn"
)

// StatusNames maps a notice status to its Chinese name.
var StatusNames = map[string]string{StatusDraft: "草稿", StatusPublished: "已发布", StatusWithdrawn: "已撤回"}
