package activity

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// keptRoom loads room id for a change by its keeper: an organiser with the
// keeping organisation in scope; ENOTFOUND for one who may not see it,
// EFORBIDDEN for a member who does not keep it.
func (s *Service) keptRoom(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Room, error) {
	r, err := s.roomOf(ctx, tx, actor, id)
	if err == nil && !r.Keeper {
		err = app.Errorf(app.EFORBIDDEN, "只有教研室的建立单位可以调整成员")
	}
	return r, err
}

// AddRoomMembers adds people (in the actor's scope) to room id, kept by
// the actor; those already members stay as they are.
func (s *Service) AddRoomMembers(ctx context.Context, actor app.Actor, id int64, people []int64) error {
	if len(people) == 0 {
		return app.Invalid("members", "请选择要加入的成员")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := s.keptRoom(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := addMembers(ctx, tx, actor, id, people); err != nil {
			return err
		}
		names, err := personNames(ctx, tx, people)
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "room.members_add", "room", id, "教研室「"+r.Name+"」加入成员："+names, nil, audit.Snapshot{"加入成员": names})
	})
}

// RemoveRoomMember takes person out of room id, kept by the actor: they no
// longer see the room, and @姓名 no longer reaches them from it.
func (s *Service) RemoveRoomMember(ctx context.Context, actor app.Actor, id, person int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := s.keptRoom(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "DELETE FROM room_members WHERE room_id = ? AND person_id = ?", id, person)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Invalid("person_id", "该人员不是本教研室成员")
		}
		names, err := personNames(ctx, tx, []int64{person})
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "room.members_remove", "room", id, "教研室「"+r.Name+"」移出成员："+names, audit.Snapshot{"移出成员": names}, nil)
	})
}

// personNames joins the names of people with 、.
func personNames(ctx context.Context, tx *db.Tx, people []int64) (string, error) {
	out := ""
	for i, p := range people {
		var name string
		if err := tx.QueryRow(ctx, "SELECT name FROM people WHERE id = ?", p).Scan(&name); err != nil {
			return "", fmt.Errorf("person %d: %w", p, err)
		}
		if i > 0 {
			out += "、"
		}
		out += name
	}
	return out, nil
}
