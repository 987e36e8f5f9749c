package activityweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

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
