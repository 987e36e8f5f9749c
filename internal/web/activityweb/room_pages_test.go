package activityweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/webtest"
)

func TestTeacherPostsInTheirRoomAndAMentionIsATodo(t *testing.T) {
	s := webtest.New(t)
	room := activityweb.RoomBy(t, s.World, "county_a", "小学数学虚拟教研室", s.World.TeacherA)
	teacher := s.As("teacher_a")
	if _, body := teacher.Get("/rooms"); !strings.Contains(body, "小学数学虚拟教研室") {
		t.Fatalf("the teacher's rooms: %s", body)
	}
	res, body := teacher.Post(fmt.Sprintf("/rooms/%d/threads", room), url.Values{"title": {"分层作业"}, "body": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写内容") {
		t.Fatalf("empty post: %d", res.StatusCode)
	}
	res, body = follow(teacher, fmt.Sprintf("/rooms/%d/threads", room), url.Values{"title": {"分层作业"}, "body": {"请 @林管理 看看三年级的做法"}})
	if res.StatusCode != 200 || !strings.Contains(body, "请 @林管理 看看三年级的做法") {
		t.Fatalf("thread page: %d %s", res.StatusCode, body)
	}
	if _, body := s.As("county_a").Get("/todo"); !strings.Contains(body, "在「分层作业」中提到了您") {
		t.Errorf("the mention is not county_a's todo: %s", body)
	}
	if res, _ := s.As("county_b").Get(fmt.Sprintf("/rooms/%d", room)); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B opened the room: %d", res.StatusCode)
	}
}

// TestRoomMembershipIsEditedByItsKeeper: the keeping office removes a
// member, who then no longer sees the room nor gets a 待办 from @姓名; it
// adds them back and they see it again; a teacher member cannot change the
// members and another county's office cannot reach the room.
func TestRoomMembershipIsEditedByItsKeeper(t *testing.T) {
	s := webtest.New(t)
	room := activityweb.RoomBy(t, s.World, "county_a", "小学数学虚拟教研室", s.World.TeacherA)
	office, teacher := s.As("county_a"), s.As("teacher_a")
	path := fmt.Sprintf("/rooms/%d", room)
	if res, _ := teacher.Post(path+"/members/remove", url.Values{"person_id": {fmt.Sprint(s.TeacherA)}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a teacher member changed the members: %d", res.StatusCode)
	}
	if res, _ := s.As("county_b").Post(path+"/members", url.Values{"members": {fmt.Sprint(s.TeacherB)}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B added a member to county A's room: %d", res.StatusCode)
	}
	if res, _ := office.Post(path+"/members/remove", url.Values{"person_id": {fmt.Sprint(s.TeacherA)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	if res, _ := teacher.Get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("a removed member still opens the room: %d", res.StatusCode)
	}
	if _, body := teacher.Get("/rooms"); strings.Contains(body, "小学数学虚拟教研室") {
		t.Error("a removed member still lists the room")
	}
	if res, _ := follow(office, path+"/threads", url.Values{"title": {"单元作业"}, "body": {"@陈鹿城 请看"}}); res.StatusCode != 200 {
		t.Fatalf("post: %d", res.StatusCode)
	}
	if _, body := teacher.Get("/todo"); strings.Contains(body, "在「单元作业」中提到了您") {
		t.Error("a mention reached a person who is not a member")
	}
	res, body := office.Post(path+"/members", url.Values{})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<div class="ferr">请选择要加入的成员`) {
		t.Errorf("adding nobody: %d", res.StatusCode)
	}
	if res, _ := office.Post(path+"/members", url.Values{"members": {fmt.Sprint(s.TeacherA)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	if res, body := teacher.Get(path); res.StatusCode != 200 || !strings.Contains(body, "小学数学虚拟教研室") {
		t.Errorf("an added member does not see the room: %d", res.StatusCode)
	}
}

// TestRubricServiceAndRoomListsExport: each list's 导出 Excel holds what
// the list shows, and nothing of another county.
func TestRubricServiceAndRoomListsExport(t *testing.T) {
	s := webtest.New(t)
	activityweb.RoomBy(t, s.World, "county_a", "小学数学虚拟教研室")
	activityweb.RoomBy(t, s.World, "county_b", "龙湾区语文虚拟教研室")
	activityweb.ServiceItemBy(t, s.World, "county_a", "鹿城区示范课", s.World.TeacherA)
	if _, err := activityweb.ServiceOf(s.World).SaveRubric(context.Background(), s.World.CountyA, activity.Rubric{Name: "鹿城区课堂评价表"},
		"等级：优秀=1，合格=0.6\n教学目标|目标明确|100"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/rooms/export": "小学数学虚拟教研室", "/services/export": "鹿城区示范课", "/rubrics/export": "鹿城区课堂评价表"} {
		res, body := s.As("county_a").Get(path)
		text := webtest.Readable(t, res, body)
		if res.StatusCode != 200 || !strings.Contains(text, want) || strings.Contains(text, "龙湾区") {
			t.Errorf("%s: %d, want %q and nothing of county B: %s", path, res.StatusCode, want, text)
		}
	}
}
