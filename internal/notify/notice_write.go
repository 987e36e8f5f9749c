package notify

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// CreateNotice saves a new notice of the actor's organisation as a draft
// (or publishes it at once when publish is set) and returns its id. Every
// region and organisation of the audience must lie inside the actor's
// scope; roles must exist.
func (s *Service) CreateNotice(ctx context.Context, actor app.Actor, n Notice, publish bool) (int64, error) {
	if err := s.checkPublisher(actor, &n); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := resolveAudience(ctx, tx, actor, &n); err != nil {
			return err
		}
		now := s.now().UnixMilli()
		var err error
		n.Status, n.Version = StatusDraft, 1
		if publish {
			n.Status, n.Published = StatusPublished, s.now()
		}
		n.ID, err = tx.InsertID(ctx, `INSERT INTO notices (title, body, publisher_org_id, publisher_user_id, pinned,
			expires_on, needs_receipt, status, published_at, created_at, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			n.Title, n.Body, actor.OrgID, actor.UserID, n.Pinned, dateText(n.Expires), n.NeedsReceipt, n.Status,
			publishedMillis(n), now, now, actor.Username)
		if err != nil {
			return err
		}
		if err := writeAudience(ctx, tx, n); err != nil {
			return err
		}
		return record(ctx, tx, actor, "notice.create", "notice", n.ID, "新建通知 "+n.Title, nil, n.snapshot())
	})
	return n.ID, err
}

func publishedMillis(n Notice) int64 {
	if n.Published.IsZero() {
		return 0
	}
	return n.Published.UnixMilli()
}

func (s *Service) checkPublisher(actor app.Actor, n *Notice) error {
	if err := actor.Require(PermNoticePublish); err != nil {
		return err
	}
	if actor.OrgID == 0 {
		return app.Errorf(app.EFORBIDDEN, "当前账号不属于任何机构，不能发布通知")
	}
	n.Title = strings.TrimSpace(n.Title)
	n.Body = strings.TrimSpace(strings.ReplaceAll(n.Body, "\r\n", "\n"))
	if err := n.Validate(); err != nil {
		return err
	}
	if !n.Expires.IsZero() && dateOf(n.Expires) < dateOf(s.now()) {
		return app.Invalid("expires", "有效期不能早于今天")
	}
	return nil
}

// resolveAudience turns region codes and organisation ids into path
// prefixes, refusing any outside the actor's scope, and checks the roles.
func resolveAudience(ctx context.Context, tx *db.Tx, actor app.Actor, n *Notice) error {
	a := n.Audience
	var out []Target
	for _, code := range a.RegionCodes {
		var t Target
		err := tx.QueryRow(ctx, "SELECT path, name FROM regions WHERE code = ?", code).Scan(&t.PathPrefix, &t.Label)
		if err != nil || !visible(actor.Scope, t.PathPrefix+"o/", -1) {
			return app.Invalid("audience", "所选区域不存在或不在您的管辖范围内")
		}
		out = append(out, t)
	}
	for _, id := range a.OrgIDs {
		var t Target
		err := tx.QueryRow(ctx, "SELECT path, name FROM orgs WHERE id = ?", id).Scan(&t.PathPrefix, &t.Label)
		if err != nil || !visible(actor.Scope, t.PathPrefix, id) {
			return app.Invalid("audience", "所选机构不存在或不在您的管辖范围内")
		}
		out = append(out, t)
	}
	n.Audience.Roles, n.RoleNames = uniq(a.Roles), nil
	for _, r := range n.Audience.Roles {
		var name string
		if err := tx.QueryRow(ctx, "SELECT name FROM roles WHERE code = ?", r).Scan(&name); err != nil {
			return app.Invalid("roles", "所选角色不存在")
		}
		n.RoleNames = append(n.RoleNames, name)
	}
	n.Targets = dedupeTargets(out)
	return nil
}

func dedupeTargets(ts []Target) []Target {
	seen := map[string]bool{}
	var out []Target
	for _, t := range ts {
		if !seen[t.PathPrefix] {
			seen[t.PathPrefix] = true
			out = append(out, t)
		}
	}
	return out
}

func writeAudience(ctx context.Context, tx *db.Tx, n Notice) error {
	id := n.ID
	for _, q := range []string{"DELETE FROM notice_targets WHERE notice_id = ?", "DELETE FROM notice_roles WHERE notice_id = ?"} {
		if _, err := tx.Exec(ctx, q, id); err != nil {
			return err
		}
	}
	for _, t := range n.Targets {
		if _, err := tx.Exec(ctx, "INSERT INTO notice_targets (notice_id, path_prefix, label) VALUES (?, ?, ?)",
			id, t.PathPrefix, t.Label); err != nil {
			return err
		}
	}
	for _, r := range n.Audience.Roles {
		if _, err := tx.Exec(ctx, "INSERT INTO notice_roles (notice_id, role_code) VALUES (?, ?)", id, r); err != nil {
			return err
		}
	}
	return nil
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// UpdateNotice saves changes to a notice the actor manages. n.Version must
// be the version the user opened; a stale one is ECONFLICT naming who
// changed it. Receipts already given are kept.
func (s *Service) UpdateNotice(ctx context.Context, actor app.Actor, n Notice) error {
	if err := actor.Require(PermNoticePublish); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := s.managed(ctx, tx, actor, n.ID) // first: another organisation's notice is not found, whatever the form says
		if err != nil {
			return err
		}
		if err := s.checkPublisher(actor, &n); err != nil {
			return err
		}
		if old.Version != n.Version {
			return audit.Stale(ctx, tx, "notice", n.ID, n.Version)
		}
		if err := resolveAudience(ctx, tx, actor, &n); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE notices SET title = ?, body = ?, pinned = ?, expires_on = ?, needs_receipt = ?,
			version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`,
			n.Title, n.Body, n.Pinned, dateText(n.Expires), n.NeedsReceipt, s.now().UnixMilli(), actor.Username, n.ID)
		if err != nil {
			return err
		}
		if err := writeAudience(ctx, tx, n); err != nil {
			return err
		}
		n.Status, n.Version = old.Status, old.Version+1
		return record(ctx, tx, actor, "notice.update", "notice", n.ID, "修改通知 "+n.Title, old.snapshot(), n.snapshot())
	})
}

// managed loads a notice the actor may manage, else ENOTFOUND (another
// organisation's notice is not even confirmed to exist).
func (s *Service) managed(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Notice, error) {
	n, err := s.loadNotice(ctx, tx, actor, id)
	if err != nil {
		return n, err
	}
	ok, err := canManage(ctx, tx, actor, n)
	if err != nil || !ok {
		return Notice{}, orNotFound(err)
	}
	return n, nil
}

// Publish publishes a draft or a withdrawn notice; Withdraw takes a
// published one back (readers no longer see it; receipts are kept).
func (s *Service) Publish(ctx context.Context, actor app.Actor, id int64) error {
	return s.setStatus(ctx, actor, id, StatusPublished)
}

// Withdraw: see Publish.
func (s *Service) Withdraw(ctx context.Context, actor app.Actor, id int64) error {
	return s.setStatus(ctx, actor, id, StatusWithdrawn)
}

func (s *Service) setStatus(ctx context.Context, actor app.Actor, id int64, status string) error {
	if err := actor.Require(PermNoticePublish); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		n, err := s.managed(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if n.Status == status {
			return app.Errorf(app.EINVALID, "该通知%s", StatusNames[status])
		}
		now := s.now().UnixMilli()
		_, err = tx.Exec(ctx, `UPDATE notices SET status = ?, version = version + 1, updated_at = ?, updated_by = ?,
			published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END WHERE id = ?`,
			status, now, actor.Username, status, now, id)
		if err != nil {
			return err
		}
		before := n.snapshot()
		n.Status, n.Version = status, n.Version+1
		verb := map[string]string{StatusPublished: "发布通知 ", StatusWithdrawn: "撤回通知 "}[status]
		return record(ctx, tx, actor, "notice."+status, "notice", id, verb+n.Title, before, n.snapshot())
	})
}

// snapshot is the notice as the audit log shows it.
func (n Notice) snapshot() audit.Snapshot {
	labels := make([]string, len(n.Targets))
	for i, t := range n.Targets {
		labels[i] = t.Label
	}
	return audit.Snapshot{
		"标题": n.Title, "正文": n.Body, "置顶": yesNo(n.Pinned), "有效期至": dateText(n.Expires),
		"需回执": yesNo(n.NeedsReceipt), "范围": strings.Join(labels, "、"), "角色": strings.Join(n.RoleNames, "、"),
		"状态": StatusNames[n.Status], audit.VersionKey: fmt.Sprint(n.Version),
	}
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
