package notify

import (
	"context"
	"io"
	"iter"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/exchange"
)

// MarkRead records the actor's 回执 for a published notice addressed to
// them and returns its time; confirming twice keeps the first time.
func (s *Service) MarkRead(ctx context.Context, actor app.Actor, id int64) (time.Time, error) {
	var at time.Time
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		n, err := s.loadNotice(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if ok, err := addressed(ctx, tx, actor, n); err != nil || !ok {
			return orNotFound(err)
		}
		if !n.ReadAt.IsZero() {
			at = n.ReadAt
			return nil
		}
		at = s.now()
		if _, err := tx.Exec(ctx, "INSERT INTO notice_receipts (notice_id, user_id, read_at) VALUES (?, ?, ?)",
			id, actor.UserID, at.UnixMilli()); err != nil {
			return err
		}
		return record(ctx, tx, actor, "notice.read", "notice", id, "确认已读 "+n.Title, nil, nil)
	})
	return at, err
}

// recipientsFrom selects a notice's recipients: active accounts of people
// whose organisation lies under a target, holding one of the roles if any
// are named. Arguments: the notice id four times.
const recipientsFrom = ` FROM users u JOIN people p ON p.id = u.person_id JOIN orgs o ON o.id = p.org_id
	LEFT JOIN notice_receipts rc ON rc.notice_id = ? AND rc.user_id = u.id
	WHERE u.active = TRUE
	AND EXISTS (SELECT 1 FROM notice_targets t WHERE t.notice_id = ? AND o.path LIKE t.path_prefix || '%')
	AND (NOT EXISTS (SELECT 1 FROM notice_roles nr WHERE nr.notice_id = ?)
		OR EXISTS (SELECT 1 FROM notice_roles nr JOIN roles ro ON ro.code = nr.role_code
			JOIN user_roles ur ON ur.role_id = ro.id WHERE nr.notice_id = ? AND ur.user_id = u.id))`

// RecipientFilter selects recipients of a notice.
type RecipientFilter struct {
	UnreadOnly bool
	OrgID      int64 // 0: every organisation
	Limit      int   // 0: all
	Offset     int
}

func scanRecipient(r db.Scanner) (Recipient, error) {
	var x Recipient
	var read int64
	err := r.Scan(&x.UserID, &x.Name, &x.OrgID, &x.OrgName, &read)
	x.ReadAt = millis(read)
	return x, err
}

// Recipients lists who a notice addresses, by organisation then name, with
// each one's 回执, and their total; only for those who manage the notice.
func (s *Service) Recipients(ctx context.Context, actor app.Actor, id int64, f RecipientFilter) ([]Recipient, int, error) {
	where, args := recipientsWhere(id, f)
	var rows []Recipient
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := s.managed(ctx, tx, actor, id); err != nil {
			return err
		}
		limit := f.Limit
		if limit <= 0 {
			limit = 1 << 30
		}
		var err error
		rows, total, err = db.QueryPage(ctx, tx, scanRecipient, "SELECT COUNT(*)"+recipientsFrom+where,
			"SELECT u.id, p.name, o.id, o.name, COALESCE(rc.read_at, 0)"+recipientsFrom+where+" ORDER BY o.path, p.name, u.id",
			args, limit, f.Offset)
		return err
	})
	return rows, total, err
}

func recipientsWhere(id int64, f RecipientFilter) (string, []any) {
	where, args := "", []any{id, id, id, id}
	if f.UnreadOnly {
		where += " AND rc.read_at IS NULL"
	}
	if f.OrgID != 0 {
		where, args = where+" AND o.id = ?", append(args, f.OrgID)
	}
	return where, args
}

// ReceiptsByOrg counts a notice's recipients and readers per organisation,
// in tree order; only for those who manage the notice.
func (s *Service) ReceiptsByOrg(ctx context.Context, actor app.Actor, id int64) ([]OrgReceipts, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]OrgReceipts, error) {
		if _, err := s.managed(ctx, tx, actor, id); err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, scanOrgReceipts, "SELECT o.id, o.name, COUNT(*), COUNT(rc.read_at)"+
			recipientsFrom+" GROUP BY o.id, o.name, o.path ORDER BY o.path", id, id, id, id)
	})
}

func scanOrgReceipts(r db.Scanner) (OrgReceipts, error) {
	var o OrgReceipts
	err := r.Scan(&o.OrgID, &o.OrgName, &o.Total, &o.Read)
	return o, err
}

// unreadColumns are the columns of the 未读名单 export.
var unreadColumns = []exchange.ExportColumn{
	{Header: "单位", Width: 30}, {Header: "姓名", Width: 12}, {Header: "状态", Width: 10}, {Header: "阅读时间", Width: 18},
}

// ExportRecipients writes the recipients f selects (the 未读名单 with
// UnreadOnly) as an Excel file to w.
func (s *Service) ExportRecipients(ctx context.Context, actor app.Actor, id int64, f RecipientFilter, w io.Writer) error {
	f.Limit, f.Offset = 0, 0
	rows, _, err := s.Recipients(ctx, actor, id, f)
	if err != nil {
		return err
	}
	return exchange.Export(w, "回执", unreadColumns, recipientRows(rows))
}

func recipientRows(rows []Recipient) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		for _, r := range rows {
			state, at := "未读", ""
			if !r.ReadAt.IsZero() {
				state, at = "已读", r.ReadAt.In(cst).Format("2006-01-02 15:04")
			}
			if !yield([]string{r.OrgName, r.Name, state, at}) {
				return
			}
		}
	}
}
