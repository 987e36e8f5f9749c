package activity_test

import (
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
)

func TestRoomThreadsMentionsAndSessions(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.CreateRoom(ctx, f.w.CountyA, activity.Room{Name: "小学数学虚拟教研室"}, []int64{f.w.TeacherB}); !isField(err, "members") {
		t.Errorf("a county B member: %v", err)
	}
	room, err := f.svc.CreateRoom(ctx, f.w.CountyA, activity.Room{Name: "小学数学虚拟教研室", Subject: "数学"}, []int64{f.w.TeacherA})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindRoomByID(ctx, f.w.CountyB, room); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B opened the room: %v", err)
	}
	if err := f.svc.AddSession(ctx, f.w.TeacherUserA, room, activity.RoomSession{Title: "单元作业设计", StartsAt: "2025-10-20 19:30"}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a member scheduled a session: %v", err)
	}
	if err := f.svc.AddSession(ctx, f.w.CountyA, room, activity.RoomSession{Title: "单元作业设计", StartsAt: "2025-10-20 19:30", Link: "会议号 123"}); !isField(err, "link") {
		t.Errorf("a link that is no URL: %v", err)
	}
	if err := f.svc.AddSession(ctx, f.w.CountyA, room, activity.RoomSession{Title: "单元作业设计", StartsAt: "2025-10-20 19:30",
		Link: "https://meeting.example.cn/j/123", ReplayLink: "https://meeting.example.cn/r/123"}); err != nil {
		t.Fatal(err)
	}
	thread, err := f.svc.Post(ctx, f.w.CountyA, room, 0, "分层作业怎么设计", "请 @陈鹿城 分享一下三年级的做法")
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, f.w.DB, "SELECT COUNT(*) FROM todos WHERE user_id = ? AND done_at = 0 AND link = ?", f.w.TeacherUserA.UserID, "/threads/"+itoa(thread)); n != 1 {
		t.Errorf("%d todos for the mentioned teacher, want 1", n)
	}
	if _, err := f.svc.Post(ctx, f.w.TeacherUserA, room, thread, "", "我们按基础、提高、拓展三层设计"); err != nil {
		t.Fatal(err)
	}
	th, err := f.svc.FindThreadByID(ctx, f.w.TeacherUserA, thread)
	if err != nil || len(th.Posts) != 2 || th.Replies != 1 {
		t.Fatalf("thread: %+v %v", th, err)
	}
	r, _ := f.svc.FindRoomByID(ctx, f.w.TeacherUserA, room)
	if len(r.Sessions) != 1 || len(r.Threads) != 1 || len(r.Members) != 2 {
		t.Errorf("room: %d sessions, %d threads, %d members", len(r.Sessions), len(r.Threads), len(r.Members))
	}
	if _, err := f.svc.FindThreadByID(ctx, f.w.CountyB, thread); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B read the thread: %v", err)
	}
}
