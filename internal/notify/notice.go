package notify

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// NoticeFilter selects notices. Without Managed it lists what the actor may
// read: published, not expired, addressed to them; pinned first, newest
// next. With Managed it lists every notice (any status, expired too) of the
// organisations in the actor's scope, for publishers.
type NoticeFilter struct {
	Managed bool
	Query   string // in the title
	Limit   int
	Offset  int
}

const noticeSelect = `SELECT n.id, n.title, n.body, n.publisher_org_id, o.name, n.publisher_user_id, n.pinned,
	n.expires_on, n.needs_receipt, n.status, n.published_at, n.version, COALESCE(rc.read_at, 0)`

// noticeFrom joins the reader's own receipt (first argument: the user id).
const noticeFrom = ` FROM notices n JOIN orgs o ON o.id = n.publisher_org_id
	LEFT JOIN notice_receipts rc ON rc.notice_id = n.id AND rc.user_id = ?`

func scanNotice(r db.Scanner) (Notice, error) {
	var n Notice
	var expires string
	var published, read int64
	err := r.Scan(&n.ID, &n.Title, &n.Body, &n.PublisherOrg, &n.PublisherName, &n.PublisherUser, &n.Pinned,
		&expires, &n.NeedsReceipt, &n.Status, &published, &n.Version, &read)
	n.Expires, n.Published, n.ReadAt = parseDate(expires), millis(published), millis(read)
	return n, err
}

// audienceSQL admits notices addressed to the actor: one of the targets
// contains the actor's organisation, and the notice names no role or one
// the actor holds.
func audienceSQL(a app.Actor) (string, []any) {
	q := `(EXISTS (SELECT 1 FROM notice_targets t WHERE t.notice_id = n.id AND ? LIKE t.path_prefix || '%')
		AND (NOT EXISTS (SELECT 1 FROM notice_roles nr WHERE nr.notice_id = n.id)
			OR EXISTS (SELECT 1 FROM notice_roles nr WHERE nr.notice_id = n.id AND nr.role_code IN (` + db.In(len(a.Roles)) + `))))`
	args := []any{a.OrgPath}
	for _, r := range a.Roles {
		args = append(args, r)
	}
	if a.OrgPath == "" {
		return "(1=0)", nil
	}
	return q, args
}

// scopeSQL admits rows whose organisation (path column, id column) lies in
// scope s: the SQL twin of visible.
func scopeSQL(s app.Scope, pathCol, orgCol string) (string, []any) {
	if s.All {
		return "(1=1)", nil
	}
	var conds []string
	var args []any
	for _, p := range s.Prefixes {
		conds, args = append(conds, pathCol+" LIKE ?"), append(args, p+"%")
	}
	if len(s.OrgIDs) > 0 {
		conds = append(conds, orgCol+" IN ("+db.In(len(s.OrgIDs))+")")
		for _, id := range s.OrgIDs {
			args = append(args, id)
		}
	}
	if len(conds) == 0 {
		return "(1=0)", nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// FindNotices lists notices per f and returns their total.
func (s *Service) FindNotices(ctx context.Context, actor app.Actor, f NoticeFilter) ([]Notice, int, error) {
	if f.Limit <= 0 {
		f.Limit = 20
	}
	var where string
	var args []any
	if f.Managed {
		if err := actor.Require(PermNoticePublish); err != nil {
			return nil, 0, err
		}
		where, args = scopeSQL(actor.Scope, "o.path", "o.id")
	} else {
		where, args = audienceSQL(actor)
		where = "n.status = 'published' AND (n.expires_on = '' OR n.expires_on >= ?) AND " + where
		args = append([]any{dateOf(s.now())}, args...)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where, args = where+" AND n.title LIKE ?", append(args, "%"+q+"%")
	}
	args = append([]any{actor.UserID}, args...)
	order := " ORDER BY n.pinned DESC, n.published_at DESC, n.id DESC"
	if f.Managed {
		order = " ORDER BY n.updated_at DESC, n.id DESC"
	}
	return readPage(ctx, s.DB, scanNotice, "SELECT COUNT(*)"+noticeFrom+" WHERE "+where,
		noticeSelect+noticeFrom+" WHERE "+where+order, args, f.Limit, f.Offset)
}

// FindNoticeByID returns one notice with its audience, if the actor may read
// it (published and addressed to them; expired ones too, marked so by
// Expired) or manage it. Otherwise ENOTFOUND.
func (s *Service) FindNoticeByID(ctx context.Context, actor app.Actor, id int64) (Notice, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Notice, error) { return s.readable(ctx, tx, actor, id) })
}

func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return notFound("通知")
}

func (s *Service) loadNotice(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Notice, error) {
	n, err := scanNotice(tx.QueryRow(ctx, noticeSelect+noticeFrom+" WHERE n.id = ?", actor.UserID, id))
	if db.IsNoRows(err) {
		return n, notFound("通知")
	}
	if err != nil {
		return n, err
	}
	if n.Targets, err = db.QueryAll(ctx, tx, scanTarget,
		"SELECT path_prefix, label FROM notice_targets WHERE notice_id = ? ORDER BY path_prefix", id); err != nil {
		return n, err
	}
	roles, err := db.QueryAll(ctx, tx, scanPair, `SELECT nr.role_code, r.name FROM notice_roles nr
		JOIN roles r ON r.code = nr.role_code WHERE nr.notice_id = ? ORDER BY r.id`, id)
	for _, r := range roles {
		n.Audience.Roles, n.RoleNames = append(n.Audience.Roles, r[0]), append(n.RoleNames, r[1])
	}
	for _, t := range n.Targets {
		n.Audience.add(t)
	}
	return n, err
}

func scanTarget(r db.Scanner) (Target, error) {
	var t Target
	err := r.Scan(&t.PathPrefix, &t.Label)
	return t, err
}

func scanPair(r db.Scanner) ([2]string, error) {
	var v [2]string
	err := r.Scan(&v[0], &v[1])
	return v, err
}

// canRead: a manager reads any notice of theirs; anyone else a published
// one addressed to them.
func (s *Service) canRead(ctx context.Context, tx *db.Tx, actor app.Actor, n Notice) (bool, error) {
	if ok, err := canManage(ctx, tx, actor, n); err != nil || ok {
		return ok, err
	}
	return addressed(ctx, tx, actor, n)
}

func addressed(ctx context.Context, tx *db.Tx, actor app.Actor, n Notice) (bool, error) {
	if n.Status != StatusPublished {
		return false, nil
	}
	where, args := audienceSQL(actor)
	c, err := tx.Count(ctx, "SELECT COUNT(*) FROM notices n WHERE n.id = ? AND "+where, append([]any{n.ID}, args...)...)
	return c > 0, err
}

// canManage: the actor may publish and the notice's organisation is in
// their scope.
func canManage(ctx context.Context, tx *db.Tx, actor app.Actor, n Notice) (bool, error) {
	if !actor.Can(PermNoticePublish) {
		return false, nil
	}
	var path string
	if err := tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", n.PublisherOrg).Scan(&path); err != nil {
		return false, err
	}
	return visible(actor.Scope, path, n.PublisherOrg), nil
}

// CanManage reports whether the actor may edit, withdraw and read the
// receipts of notice n (for showing those buttons).
func (s *Service) CanManage(ctx context.Context, actor app.Actor, n Notice) (bool, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (bool, error) { return canManage(ctx, tx, actor, n) })
}

// PendingReceiptCount is how many published, unexpired notices that need a
// 回执 are addressed to the actor and not yet confirmed.
func (s *Service) PendingReceiptCount(ctx context.Context, actor app.Actor) (int, error) {
	where, args := audienceSQL(actor)
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, `SELECT COUNT(*) FROM notices n WHERE n.status = 'published' AND n.needs_receipt = TRUE
			AND (n.expires_on = '' OR n.expires_on >= ?) AND NOT EXISTS (SELECT 1 FROM notice_receipts rc
			WHERE rc.notice_id = n.id AND rc.user_id = ?) AND `+where,
			append([]any{dateOf(s.now()), actor.UserID}, args...)...)
	})
}

// Addressed reports whether notice n is published and addressed to the
// actor, who may then confirm it read.
func (s *Service) Addressed(ctx context.Context, actor app.Actor, n Notice) (bool, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (bool, error) { return addressed(ctx, tx, actor, n) })
}
