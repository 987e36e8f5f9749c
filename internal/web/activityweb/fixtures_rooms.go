package activityweb

import (
	"context"
	"fmt"
	"jiaoyan/internal/db"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// RoomBy opens a room of user's organisation with members.
func RoomBy(t testing.TB, w *testutil.World, user, name string, members ...int64) int64 {
	t.Helper()
	id, err := ServiceOf(w).CreateRoom(context.Background(), w.ActorOf(t, user), activity.Room{Name: name, Subject: "数学"}, members)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// ThreadBy starts a thread in room by user.
func ThreadBy(t testing.TB, w *testutil.World, user string, room int64, title string) int64 {
	t.Helper()
	id, err := ServiceOf(w).Post(context.Background(), w.ActorOf(t, user), room, 0, title, "大家谈谈")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func roomObjects() []web.ScopeObject {
	return []web.ScopeObject{
		{Kind: "room", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(RoomBy(t, w, "county_b", "龙湾区语文虚拟教研室", w.TeacherB))}, []string{"龙湾区语文虚拟教研室"}
		}},
		{Kind: "thread", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			room := RoomBy(t, w, "county_b", "龙湾区英语虚拟教研室", w.TeacherB)
			return map[string]string{"id": fmt.Sprint(ThreadBy(t, w, "county_b", room, "龙湾区读写结合"))}, []string{"龙湾区读写结合"}
		}},
	}
}

func roomChanges(ch map[string]changeMaker) {
	ch["POST /rooms"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/rooms", Form: form("name", "小学数学虚拟教研室", "members", fmt.Sprint(w.TeacherA))}
	}
	ch["POST /rooms/{id}/sessions"] = func(t testing.TB, w *testutil.World) web.Change {
		room := RoomBy(t, w, "county_a", "小学数学虚拟教研室", w.TeacherA)
		return web.Change{User: "county_a", Path: fmt.Sprintf("/rooms/%d/sessions", room), Form: form("title", "单元作业设计", "starts_at", "2025-10-20T19:30",
			"link", "https://meeting.example.cn/j/1")}
	}
	ch["POST /rooms/{id}/members"] = func(t testing.TB, w *testutil.World) web.Change {
		room := RoomBy(t, w, "county_a", "小学数学虚拟教研室")
		return web.Change{User: "county_a", Path: fmt.Sprintf("/rooms/%d/members", room), Form: form("members", fmt.Sprint(w.TeacherA))}
	}
	ch["POST /rooms/{id}/members/remove"] = func(t testing.TB, w *testutil.World) web.Change {
		room := RoomBy(t, w, "county_a", "小学数学虚拟教研室", w.TeacherA)
		return web.Change{User: "county_a", Path: fmt.Sprintf("/rooms/%d/members/remove", room), Form: form("person_id", fmt.Sprint(w.TeacherA))}
	}
	ch["POST /rooms/{id}/threads"] = func(t testing.TB, w *testutil.World) web.Change {
		room := RoomBy(t, w, "county_a", "小学数学虚拟教研室", w.TeacherA)
		return web.Change{User: "teacher_a", Path: fmt.Sprintf("/rooms/%d/threads", room), Form: form("title", "分层作业", "body", "三年级怎么做")}
	}
	ch["POST /threads/{id}/posts"] = func(t testing.TB, w *testutil.World) web.Change {
		room := RoomBy(t, w, "county_a", "小学数学虚拟教研室", w.TeacherA)
		return web.Change{User: "teacher_a", Path: fmt.Sprintf("/threads/%d/posts", ThreadBy(t, w, "county_a", room, "分层作业")), Form: form("body", "我们分三层")}
	}
}

// StudioAt makes a county-level 名师工作室 of org hosted by host, and marks
// school weak, for tests; it returns the studio id.
func StudioAt(t testing.TB, w *testutil.World, org, host, school int64, name string) int64 {
	t.Helper()
	var id int64
	err := w.DB.Write(context.Background(), func(tx *db.Tx) (err error) {
		if id, err = tx.InsertID(context.Background(), `INSERT INTO studios (name, level, org_id, host_id, subject, created_at, updated_at)
			VALUES (?, 'county', ?, ?, '数学', 0, 0) RETURNING id`, name, org, host); err == nil {
			_, err = tx.Exec(context.Background(), "UPDATE orgs SET weak = TRUE WHERE id = ?", school)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func studioChanges(ch map[string]changeMaker) {
	ch["POST /studios/stations"] = func(t testing.TB, w *testutil.World) web.Change {
		studio := StudioAt(t, w, w.BureauA, w.TeacherA, w.SchoolA, "鹿城区数学名师工作室")
		return web.Change{User: "county_a", Path: "/studios/stations", Form: form("studio_id", fmt.Sprint(studio), "school_id", fmt.Sprint(w.SchoolA))}
	}
}
