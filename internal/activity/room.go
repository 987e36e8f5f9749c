package activity

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// Room is a 虚拟教研室: an online room of a subject and stage or a project,
// kept by an office or school, with its members.
type Room struct {
	ID             int64
	OrgID          int64
	OrgPath        string
	Name           string
	Subject, Stage string
	Members        []Provider    // filled by FindRoomByID (names and organisations)
	Sessions       []RoomSession // filled by FindRoomByID
	Threads        []RoomThread  // filled by FindRoomByID
	Member, Keeper bool          // the actor is a member / keeps the room
}

// RoomSession is one scheduled online session: its meeting link (of
// whatever tool the region uses), and afterwards its record and replay.
type RoomSession struct {
	ID                    int64
	Title, StartsAt, Link string
	Record, ReplayLink    string
}

// RoomThread is an asynchronous 主题帖 with its replies.
type RoomThread struct {
	ID         int64
	RoomID     int64
	Title      string
	AuthorName string
	Replies    int
	Posts      []RoomPost
}

// RoomPost is one post of a thread (the first is the opening post).
type RoomPost struct {
	ID                   int64
	AuthorName, Body, At string
	Mine                 bool         // the actor wrote it
	Files                []Attachment // its attachments
}

// roomOf loads room id if the actor may see it: a member, or an organiser
// (activity.manage) with the keeping organisation in scope.
func (s *Service) roomOf(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Room, error) {
	var r Room
	err := tx.QueryRow(ctx, "SELECT id, org_id, org_path, name, subject, stage FROM rooms WHERE id = ?", id).
		Scan(&r.ID, &r.OrgID, &r.OrgPath, &r.Name, &r.Subject, &r.Stage)
	if err == nil {
		var n int
		n, err = tx.Count(ctx, "SELECT COUNT(*) FROM room_members WHERE room_id = ? AND person_id = ?", id, actor.PersonID)
		r.Member = n > 0
		r.Keeper = actor.Can(PermManage) && auth.InScope(actor, r.OrgPath, r.OrgID, 0)
	}
	if db.IsNoRows(err) || (err == nil && !r.Member && !r.Keeper) {
		return r, app.Errorf(app.ENOTFOUND, "找不到该教研室，或您不是成员")
	}
	return r, err
}

// CreateRoom opens a room kept by the actor's organisation with members
// (people in the actor's scope; the actor's person joins too).
func (s *Service) CreateRoom(ctx context.Context, actor app.Actor, r Room, members []int64) (int64, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	if r.Name = strings.TrimSpace(r.Name); r.Name == "" {
		return 0, app.Invalid("name", "请填写教研室名称")
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var path string
		if err := tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", actor.OrgID).Scan(&path); err != nil {
			return app.Errorf(app.EFORBIDDEN, "本账号不属于任何单位，不能建立教研室")
		}
		var err error
		if id, err = tx.InsertID(ctx, `INSERT INTO rooms (org_id, org_path, name, subject, stage, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, actor.OrgID, path, r.Name, strings.TrimSpace(r.Subject), strings.TrimSpace(r.Stage),
			actor.Username, s.now().UnixMilli()); err != nil {
			return err
		}
		if actor.PersonID != 0 {
			members = append(members, actor.PersonID)
		}
		if err := addMembers(ctx, tx, actor, id, members); err != nil {
			return err
		}
		return record(ctx, tx, actor, "room.create", "room", id, "建立虚拟教研室："+r.Name, nil, audit.Snapshot{"名称": r.Name, "成员": fmt.Sprint(len(members))})
	})
	return id, err
}

func addMembers(ctx context.Context, tx *db.Tx, actor app.Actor, room int64, people []int64) error {
	for _, p := range people {
		var path string
		var org int64
		err := tx.QueryRow(ctx, "SELECT o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?", p).Scan(&path, &org)
		if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, path, org, p) && p != actor.PersonID) {
			return app.Invalid("members", "所选成员不存在或不在您的管辖范围内")
		}
		if err == nil {
			_, err = tx.Exec(ctx, "INSERT INTO room_members (room_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING", room, p)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// FindRoomByID is a room with its members, sessions and latest threads.
func (s *Service) FindRoomByID(ctx context.Context, actor app.Actor, id int64) (Room, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Room, error) {
		r, err := s.roomOf(ctx, tx, actor, id)
		if err != nil {
			return r, err
		}
		if r.Members, err = db.QueryAll(ctx, tx, func(sc db.Scanner) (Provider, error) {
			var p Provider
			return p, sc.Scan(&p.PersonID, &p.Name, &p.OrgName)
		}, `SELECT p.id, p.name, o.name FROM room_members m JOIN people p ON p.id = m.person_id JOIN orgs o ON o.id = p.org_id
			WHERE m.room_id = ? ORDER BY o.path, p.name`, id); err != nil {
			return r, err
		}
		if r.Sessions, err = db.QueryAll(ctx, tx, func(sc db.Scanner) (RoomSession, error) {
			var x RoomSession
			return x, sc.Scan(&x.ID, &x.Title, &x.StartsAt, &x.Link, &x.Record, &x.ReplayLink)
		}, "SELECT id, title, starts_at, link, record, replay_link FROM room_sessions WHERE room_id = ? ORDER BY starts_at DESC LIMIT 100", id); err != nil {
			return r, err
		}
		r.Threads, err = db.QueryAll(ctx, tx, func(sc db.Scanner) (RoomThread, error) {
			var x RoomThread
			return x, sc.Scan(&x.ID, &x.Title, &x.AuthorName, &x.Replies)
		}, `SELECT t.id, t.title, p.name, t.replies FROM room_threads t JOIN people p ON p.id = t.author_id WHERE t.room_id = ?
			ORDER BY t.last_at DESC LIMIT 100`, id)
		return r, err
	})
}

// AddSession schedules an online session of a room by its keeper; link,
// record and replay are links of the region's meeting tool.
func (s *Service) AddSession(ctx context.Context, actor app.Actor, room int64, x RoomSession) error {
	x.Title, x.StartsAt = strings.TrimSpace(x.Title), strings.TrimSpace(x.StartsAt)
	if _, err := time.ParseInLocation(TimeLayout, x.StartsAt, CST); err != nil {
		return app.Invalid("starts_at", "请填写开始时间，如 2025-10-15 19:30")
	}
	for field, l := range map[string]string{"link": x.Link, "replay_link": x.ReplayLink} {
		if l != "" && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
			return app.Invalid(field, "链接应以 https:// 开头")
		}
	}
	if x.Title == "" {
		return app.Invalid("title", "请填写研讨主题")
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := s.roomOf(ctx, tx, actor, room)
		if err != nil {
			return err
		}
		if !r.Keeper {
			return app.Errorf(app.EFORBIDDEN, "只有教研室的组织单位可以安排线上研讨")
		}
		id, err := tx.InsertID(ctx, `INSERT INTO room_sessions (room_id, title, starts_at, link, record, replay_link, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, room, x.Title, x.StartsAt, x.Link, strings.TrimSpace(x.Record), x.ReplayLink, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "room.session", "room", room, "安排线上研讨："+x.Title, nil, audit.Snapshot{"场次": fmt.Sprint(id), "时间": x.StartsAt})
	})
}

// mentionRE finds @姓名 in a post.
var mentionRE = regexp.MustCompile(`@([\p{Han}·]{2,8})`)

// Post starts a thread (thread 0, with title) or replies to one in a room
// the actor belongs to; each @姓名 of a member becomes their 待办. Returns
// the thread id.
func (s *Service) Post(ctx context.Context, actor app.Actor, room, thread int64, title, body string) (int64, error) {
	title, body = strings.TrimSpace(title), strings.TrimSpace(body)
	switch {
	case actor.PersonID == 0:
		return 0, app.Errorf(app.EFORBIDDEN, "本账号未关联人员，不能发帖")
	case thread == 0 && title == "":
		return 0, app.Invalid("title", "请填写主题")
	case body == "":
		return 0, app.Invalid("body", "请填写内容")
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if _, err := s.roomOf(ctx, tx, actor, room); err != nil {
			return err
		}
		at := s.now().UnixMilli()
		var err error
		if thread == 0 {
			thread, err = tx.InsertID(ctx, `INSERT INTO room_threads (room_id, title, author_id, last_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
				room, title, actor.PersonID, at, at)
		} else {
			err = tx.QueryRow(ctx, "SELECT title FROM room_threads WHERE id = ? AND room_id = ?", thread, room).Scan(&title)
			if err == nil {
				_, err = tx.Exec(ctx, "UPDATE room_threads SET replies = replies + 1, last_at = ? WHERE id = ?", at, thread)
			}
		}
		if db.IsNoRows(err) {
			return app.Errorf(app.ENOTFOUND, "找不到该主题帖")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO room_posts (thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?)", thread, actor.PersonID, body, at); err != nil {
			return err
		}
		if err := mention(ctx, tx, room, thread, title, body); err != nil {
			return err
		}
		return record(ctx, tx, actor, "room.post", "room", room, "网络教研发帖："+title, nil, audit.Snapshot{"主题": title})
	})
	return thread, err
}

// mention gives each member named @姓名 in body a 待办 to read the thread.
func mention(ctx context.Context, tx *db.Tx, room, thread int64, title, body string) error {
	for _, m := range mentionRE.FindAllStringSubmatch(body, 10) {
		ids, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) { var id int64; return id, r.Scan(&id) },
			"SELECT p.id FROM room_members m JOIN people p ON p.id = m.person_id WHERE m.room_id = ? AND p.name = ?", room, m[1])
		for _, id := range ids {
			if err == nil {
				err = notify.AddTodo(ctx, tx, notify.Todo{PersonID: id, Key: fmt.Sprintf("room_thread:%d:%d", thread, id), Source: "网络教研",
					Title: "在「" + title + "」中提到了您", Link: fmt.Sprintf("/threads/%d", thread)})
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// FindThreadByID is a thread with its posts, if the actor belongs to its room.
func (s *Service) FindThreadByID(ctx context.Context, actor app.Actor, id int64) (RoomThread, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (RoomThread, error) {
		var t RoomThread
		err := tx.QueryRow(ctx, "SELECT t.id, t.room_id, t.title, p.name, t.replies FROM room_threads t JOIN people p ON p.id = t.author_id WHERE t.id = ?", id).
			Scan(&t.ID, &t.RoomID, &t.Title, &t.AuthorName, &t.Replies)
		if db.IsNoRows(err) {
			return t, app.Errorf(app.ENOTFOUND, "找不到该主题帖，或您不是成员")
		}
		if err == nil {
			_, err = s.roomOf(ctx, tx, actor, t.RoomID)
		}
		if err != nil {
			return t, err
		}
		t.Posts, err = db.QueryAll(ctx, tx, func(r db.Scanner) (RoomPost, error) {
			var p RoomPost
			var at, author int64
			err := r.Scan(&p.ID, &author, &p.AuthorName, &p.Body, &at)
			p.At = time.UnixMilli(at).In(CST).Format(TimeLayout)
			p.Mine = author != 0 && author == actor.PersonID
			return p, err
		}, "SELECT x.id, x.author_id, p.name, x.body, x.created_at FROM room_posts x JOIN people p ON p.id = x.author_id WHERE x.thread_id = ? ORDER BY x.id LIMIT 500", id)
		for i := range t.Posts {
			if err == nil {
				t.Posts[i].Files, err = s.files().List(ctx, tx, attach.Owner{Kind: PostObject, ID: t.Posts[i].ID})
			}
		}
		return t, err
	})
}
