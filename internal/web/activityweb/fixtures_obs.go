package activityweb

import (
	"context"
	"fmt"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web"
)

// RubricText is a small valid rubric, for tests.
const RubricText = "等级：优秀=1，良好=0.8，合格=0.6\n教学目标|目标明确|40\n教学过程|学生主体|60"

// RubricBy saves a rubric of user's organisation and returns its id.
func RubricBy(t testing.TB, w *testutil.World, user, name string) int64 {
	t.Helper()
	id, err := ServiceOf(w).SaveRubric(context.Background(), w.ActorOf(t, user), activity.Rubric{Name: name, Subject: "数学"}, RubricText)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// ObservationBy starts a record by user's person of teacher's lesson
// (with rubric when not 0), submitted when submit is set.
func ObservationBy(t testing.TB, w *testutil.World, user string, teacher, rubric int64, topic string, submit bool) int64 {
	t.Helper()
	ctx, svc, a := context.Background(), ServiceOf(w), w.ActorOf(t, user)
	id, err := svc.CreateObservation(ctx, a, activity.Observation{TeacherID: teacher, Topic: topic, Date: time.Now().In(activity.CST).Format(time.DateOnly),
		LessonType: activity.LessonRegular, RubricID: rubric})
	if err == nil && submit {
		levels := []int{}
		if rubric != 0 {
			levels = []int{0, 1}
		}
		_, err = svc.SaveDraft(ctx, a, activity.Draft{ID: id, Version: 1, Levels: levels, Diagnosis: "情境创设好"}, true)
	}
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// obsObjects are the county B rubric and observation of the scope test.
func obsObjects() []web.ScopeObject {
	return []web.ScopeObject{
		{Kind: "rubric", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			return map[string]string{"id": fmt.Sprint(RubricBy(t, w, "county_b", "龙湾区语文评课表"))}, []string{"龙湾区语文评课表"}
		}},
		{Kind: "observation", Make: func(t testing.TB, w *testutil.World) (map[string]string, []string) {
			id := ObservationBy(t, w, "county_b", w.TeacherB, 0, "龙湾观察课题", true)
			return map[string]string{"id": fmt.Sprint(id)}, []string{"龙湾观察课题"}
		}},
	}
}

// obsChanges are valid requests for the audited routes of 听课评课.
func obsChanges(ch map[string]changeMaker) {
	ch["POST /rubrics"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/rubrics", Form: form("name", "鹿城区数学评课表", "body", RubricText)}
	}
	ch["POST /rubrics/{id}"] = func(t testing.TB, w *testutil.World) web.Change {
		id := RubricBy(t, w, "county_a", "鹿城区数学评课表")
		return web.Change{User: "county_a", Path: fmt.Sprintf("/rubrics/%d", id), Form: form("name", "鹿城区数学评课表", "version", "1", "body", RubricText+"\n作业|分层|10")}
	}
	ch["POST /observations"] = func(t testing.TB, w *testutil.World) web.Change {
		return web.Change{User: "county_a", Path: "/observations", Form: form("teacher_id", fmt.Sprint(w.TeacherA), "topic", "分数的初步认识",
			"date", "2025-10-15", "lesson_type", "regular")}
	}
	draft := func(t testing.TB, w *testutil.World, tail string, kv ...string) web.Change {
		id := ObservationBy(t, w, "county_a", w.TeacherA, 0, "分数的初步认识", false)
		return web.Change{User: "county_a", Path: fmt.Sprintf("/observations/%d%s", id, tail), Form: form(kv...)}
	}
	ch["POST /observations/{id}/draft"] = func(t testing.TB, w *testutil.World) web.Change {
		return draft(t, w, "/draft", "version", "1", "diagnosis", "导入自然")
	}
	ch["POST /observations/{id}/submit"] = func(t testing.TB, w *testutil.World) web.Change {
		return draft(t, w, "/submit", "version", "1", "diagnosis", "导入自然")
	}
	ch["POST /observations/{id}/code"] = func(t testing.TB, w *testutil.World) web.Change {
		return draft(t, w, "/code", "kind", "st", "code", "T")
	}
	ch["POST /observations/{id}/codes"] = func(t testing.TB, w *testutil.World) web.Change {
		return draft(t, w, "/codes", "st_codes", "TTS", "fias_codes", "5 4 8")
	}
	ch["POST /observations/{id}/respond"] = func(t testing.TB, w *testutil.World) web.Change {
		id := ObservationBy(t, w, "county_a", w.TeacherA, 0, "分数的初步认识", true)
		return web.Change{User: "teacher_a", Path: fmt.Sprintf("/observations/%d/respond", id), Form: form("response", "谢谢指导")}
	}
}
