package activity

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// ListPage is one page of a list: at most Limit rows from Offset.
type ListPage struct{ Limit, Offset int }

func (p ListPage) args(args []any) []any {
	if p.Limit <= 0 {
		p.Limit = 50
	}
	return append(args, p.Limit, max(p.Offset, 0))
}

// pageOf reads the total of count and one page of q (ordered, without
// LIMIT) inside one read.
func pageOf[T any](ctx context.Context, d *db.DB, scan func(db.Scanner) (T, error), count, q string, p ListPage, args ...any) ([]T, int, error) {
	var n int
	list, err := db.ReadValue(ctx, d, func(tx *db.Tx) ([]T, error) {
		var err error
		if n, err = tx.Count(ctx, count, args...); err != nil {
			return nil, err
		}
		return db.QueryAll(ctx, tx, scan, q+" LIMIT ? OFFSET ?", p.args(args)...)
	})
	return list, n, err
}

// FindRubricPage is one page of the 评课量表 the actor may score with, by
// subject and name, with their total.
func (s *Service) FindRubricPage(ctx context.Context, actor app.Actor, p ListPage) ([]Rubric, int, error) {
	where, args := rubricWhere(actor)
	return pageOf(ctx, s.DB, scanRubric, "SELECT COUNT(*) FROM rubrics r WHERE "+where,
		rubricSelect+" WHERE "+where+" ORDER BY r.subject, r.name, r.id", p, args...)
}

// FindServiceItemPage is one page of the 送教助研 menu the actor may see.
func (s *Service) FindServiceItemPage(ctx context.Context, actor app.Actor, p ListPage) ([]ServiceItem, int, error) {
	where, args := itemWhere(actor)
	return pageOf(ctx, s.DB, scanItem, "SELECT COUNT(*) FROM service_items i WHERE i.active = TRUE AND "+where,
		itemSelect+" WHERE i.active = TRUE AND "+where+" ORDER BY i.subject, i.name, i.id", p, args...)
}

// FindRoomPage is one page of the rooms the actor belongs to or keeps.
func (s *Service) FindRoomPage(ctx context.Context, actor app.Actor, p ListPage) ([]Room, int, error) {
	q, args := roomWhere(actor)
	return pageOf(ctx, s.DB, func(sc db.Scanner) (Room, error) {
		var r Room
		return r, sc.Scan(&r.ID, &r.Name, &r.Subject, &r.Stage)
	}, "SELECT COUNT(*) FROM rooms r WHERE "+q, "SELECT r.id, r.name, r.subject, r.stage FROM rooms r WHERE "+q+" ORDER BY r.subject, r.name, r.id", p, args...)
}

// roomWhere selects the rooms the actor belongs to or keeps.
func roomWhere(actor app.Actor) (string, []any) {
	q, args := "r.id IN (SELECT room_id FROM room_members WHERE person_id = ?)", []any{actor.PersonID}
	if actor.Can(PermManage) {
		own, a := auth.ScopeWhere(actor, "r.org_path", "r.org_id", "")
		q, args = "("+q+" OR "+own+")", append(args, a...)
	}
	return q, args
}

// FindOrderPage is one page of the 送教助研 orders the actor may see (of
// schools in scope, or of items of offices in it), newest first, with
// their total.
func (s *Service) FindOrderPage(ctx context.Context, actor app.Actor, p ListPage) ([]ServiceOrder, int, error) {
	where, args := orderWhere(actor)
	return pageOf(ctx, s.DB, scanOrder, "SELECT COUNT(*) FROM service_orders s JOIN service_items i ON i.id = s.item_id WHERE "+where,
		orderSelect+" WHERE "+where+" ORDER BY s.id DESC", p, args...)
}
