package notify

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"jiaoyan/internal/app"
)

// Todo (待办) is one thing waiting for one user: an approval, a review, a
// report due, a visit to log. A module adds it inside the transaction of the
// change that creates the work and closes it by Key when the work is done.
type Todo struct {
	ID       int64
	UserID   int64     // who must act; or give PersonID and the person's account is used
	PersonID int64     // alternative to UserID; a person without an account gets no todo
	Key      string    // stable, e.g. "claim:123:school"; one open todo per user and key
	Source   string    // Chinese, e.g. "学分认定"
	Title    string    // Chinese, what to do
	Link     string    // the page that does it, a local path such as /claims/123
	Due      time.Time // zero: no due date (only the date counts)
	Created  time.Time
	Done     time.Time // zero while open
}

// Validate checks a todo before it is written.
func (t Todo) Validate() error {
	switch {
	case t.UserID == 0 && t.PersonID == 0:
		return app.Invalid("user_id", "待办必须指定处理人")
	case strings.TrimSpace(t.Key) == "":
		return app.Invalid("key", "待办缺少标识")
	case strings.TrimSpace(t.Source) == "":
		return app.Invalid("source", "待办必须注明来源")
	case strings.TrimSpace(t.Title) == "":
		return app.Invalid("title", "待办必须有标题")
	case !localLink(t.Link):
		return app.Invalid("link", "待办链接必须是本站页面")
	}
	return nil
}

// Overdue reports whether the todo is open and its due date lies before
// today's date at now.
func (t Todo) Overdue(now time.Time) bool {
	return t.Done.IsZero() && !t.Due.IsZero() && dateOf(t.Due) < dateOf(now)
}

// localLink admits "" and site-local paths only, so a stored link can never
// send a user to another site or run script.
func localLink(s string) bool {
	return s == "" || (strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") && !strings.ContainsAny(s, "\\\r\n"))
}

// Message (消息) is one entry of a user's in-platform inbox: a reminder or a
// notification. Key, when set, makes sending idempotent per user.
type Message struct {
	ID      int64
	UserID  int64
	Key     string
	Title   string
	Body    string // plain text
	Link    string // local path or ""
	Mail    bool   // also mail it to the user's reminder address, if any
	Created time.Time
	Read    time.Time // zero while unread
}

// Validate checks a message before it is written.
func (m Message) Validate() error {
	switch {
	case m.UserID == 0:
		return app.Invalid("user_id", "消息必须指定接收人")
	case strings.TrimSpace(m.Title) == "":
		return app.Invalid("title", "消息必须有标题")
	case !localLink(m.Link):
		return app.Invalid("link", "消息链接必须是本站页面")
	}
	return nil
}

// Notice (通知公告) is published by an organisation to an audience: regions
// and organisations (each with everything below it), optionally narrowed to
// roles. Body is plain text; line breaks are kept, HTML is shown as text.
type Notice struct {
	ID            int64
	Title         string
	Body          string
	PublisherOrg  int64
	PublisherName string // the organisation's name
	PublisherUser int64
	Pinned        bool
	Expires       time.Time // zero: never; shown until the end of that day
	NeedsReceipt  bool      // 需回执
	Status        string
	Published     time.Time
	Version       int
	Audience      Audience
	Targets       []Target  // resolved audience, for display
	RoleNames     []string  // Chinese names of Audience.Roles
	ReadAt        time.Time // the reader's own receipt, zero if none
}

// Audience is whom a notice addresses: everyone under any of the regions or
// organisations, and, when Roles is not empty, only holders of one of them.
type Audience struct {
	RegionCodes []string
	OrgIDs      []int64
	Roles       []string
}

// Target is one resolved part of an audience.
type Target struct {
	PathPrefix string
	Label      string // Chinese: the region or organisation name
}

// add puts a stored target back into the audience it came from: a path
// ending in an organisation segment ("…/o12/") is that organisation, any
// other the region whose code is its last segment.
func (a *Audience) add(t Target) {
	segs := strings.Split(strings.Trim(t.PathPrefix, "/"), "/")
	last := segs[len(segs)-1]
	if id, err := strconv.ParseInt(strings.TrimPrefix(last, "o"), 10, 64); err == nil && strings.HasPrefix(last, "o") {
		a.OrgIDs = append(a.OrgIDs, id)
		return
	}
	a.RegionCodes = append(a.RegionCodes, last)
}

// Limits of a notice's text.
const (
	MaxTitleRunes = 100
	MaxBodyRunes  = 20000
)

// Validate checks a notice's own fields.
func (n Notice) Validate() error {
	switch {
	case strings.TrimSpace(n.Title) == "":
		return app.Invalid("title", "请填写通知标题")
	case utf8.RuneCountInString(n.Title) > MaxTitleRunes:
		return app.Invalid("title", "通知标题不能超过%d个字", MaxTitleRunes)
	case utf8.RuneCountInString(n.Body) > MaxBodyRunes:
		return app.Invalid("body", "通知正文不能超过%d个字", MaxBodyRunes)
	case len(n.Audience.RegionCodes) == 0 && len(n.Audience.OrgIDs) == 0:
		return app.Invalid("audience", "请选择通知范围（区域或机构）")
	}
	return nil
}

// Expired reports whether the notice's expiry date has passed at now.
func (n Notice) Expired(now time.Time) bool {
	return !n.Expires.IsZero() && dateOf(n.Expires) < dateOf(now)
}

// Recipient is one user a notice addresses, with their receipt.
type Recipient struct {
	UserID  int64
	Name    string
	OrgID   int64
	OrgName string
	ReadAt  time.Time // zero: not read
}

// OrgReceipts counts one organisation's recipients and readers of a notice.
type OrgReceipts struct {
	OrgID   int64
	OrgName string
	Total   int
	Read    int
}

// Unread is Total minus Read.
func (o OrgReceipts) Unread() int { return o.Total - o.Read }

// cst is China Standard Time; dates (due, expiry) are calendar days there.
var cst = time.FixedZone("CST", 8*3600)

func dateOf(t time.Time) string { return t.In(cst).Format(time.DateOnly) }

func parseDate(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, cst)
	if err != nil {
		return time.Time{}
	}
	return t
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dateOf(t)
}

func millis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// StatusName is the notice's status in Chinese.
func (n Notice) StatusName() string { return StatusNames[n.Status] }
