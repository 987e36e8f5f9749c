package activity_test

import (
	"strings"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/policy"
)

const rubricText = "等级：优秀=1，良好=0.8，合格=0.6\n教学目标|目标明确，符合课标与学情|20\n教学过程|学生主体，活动充分|50\n教学效果|目标达成度高|30"

// observer is a researcher of county A's bureau with an account.
func (f *fixture) observer(t *testing.T) app.Actor {
	p := f.w.MustPerson(t, personAt(f.w.BureauA, "鹿城教研员"))
	return f.w.MustUser(t, p, "res_a", auth.RoleResearcher)
}

func (f *fixture) withRules(t *testing.T) {
	ps := &policy.Service{DB: f.w.DB, Now: func() (tm time.Time) { return f.clock }}
	f.svc.Policy = ps
	admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
	for k, v := range map[policy.RuleKey]float64{policy.RuleActivitySTPracticeRt: 30, policy.RuleActivitySTLectureRt: 70,
		policy.RuleActivitySTDialogueCh: 40, policy.RuleActivitySTIntervalSeconds: 30, policy.RuleActivityFIASIntervalSeconds: 3} {
		if err := ps.SetValue(ctx, admin, "330300", k, v, 2025, "测试", 0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestARubricEditNeverChangesAnOldObservation(t *testing.T) {
	f := newFixture(t)
	res := f.observer(t)
	rid, err := f.svc.SaveRubric(ctx, f.w.CountyA, activity.Rubric{Name: "小学数学课堂评价表", Subject: "数学"}, rubricText)
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.svc.CreateObservation(ctx, res, activity.Observation{TeacherID: f.w.TeacherA, Topic: "分数的初步认识", Date: "2025-10-15",
		LessonType: activity.LessonRegular, Subject: "数学", Grade: "三年级", RubricID: rid})
	if err != nil {
		t.Fatal(err)
	}
	// 优秀 20 + 良好 50×0.8 + 合格 30×0.6 = 20 + 40 + 18 = 78
	v, err := f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: 1, Levels: []int{0, 1, 2}, Comments: []string{"", "小组合作充分", ""},
		Diagnosis: "情境创设好，练习层次不足"}, true)
	if err != nil || v != 2 {
		t.Fatalf("submit: v%d %v", v, err)
	}
	r, _ := f.svc.FindRubricByID(ctx, f.w.CountyA, rid)
	edited := strings.Replace(rubricText, "|50", "|40", 1) + "\n作业设计|分层作业|10"
	if _, err := f.svc.SaveRubric(ctx, f.w.CountyA, activity.Rubric{ID: rid, Name: r.Name, Subject: r.Subject, Version: r.Version}, edited); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SaveRubric(ctx, f.w.CountyA, activity.Rubric{ID: rid, Name: r.Name, Version: r.Version}, edited); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("stale rubric edit: %v", err)
	}
	r2, _ := f.svc.FindRubricByID(ctx, f.w.CountyA, rid)
	if r2.CurrentVersion != 2 || len(r2.Body.Indicators) != 4 || r2.Body.MaxScore() != 100 {
		t.Fatalf("edited rubric: v%d %+v", r2.CurrentVersion, r2.Body)
	}
	o, err := f.svc.FindObservationByID(ctx, res, id)
	if err != nil || o.Total != 78 || len(o.Body.Indicators) != 3 || o.Body.Indicators[1].Points != 50 || o.Scores[1].Points != 40 ||
		!strings.Contains(o.RubricName, "第1版") {
		t.Fatalf("old observation after the edit: total %v, rubric %s %+v, %v; want 78 on version 1", o.Total, o.RubricName, o.Body, err)
	}
}

func TestDraftIsTheObserversUntilSubmittedThenTheTeachersToo(t *testing.T) {
	f := newFixture(t)
	res := f.observer(t)
	rid, _ := f.svc.SaveRubric(ctx, f.w.CountyA, activity.Rubric{Name: "通用课堂评价表"}, rubricText)
	id, err := f.svc.CreateObservation(ctx, res, activity.Observation{TeacherID: f.w.TeacherA, Topic: "长方形的面积", Date: "2025-10-16",
		LessonType: activity.LessonOpen, RubricID: rid})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateObservation(ctx, res, activity.Observation{TeacherID: f.w.TeacherB, Topic: "x", Date: "2025-10-16",
		LessonType: activity.LessonOpen}); !isField(err, "teacher_id") {
		t.Errorf("observing a county B teacher: %v", err)
	}
	v, err := f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: 1, Levels: []int{0, -1, -1}, Diagnosis: "导入自然"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindObservationByID(ctx, f.w.TeacherUserA, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the teacher saw a draft: %v", err)
	}
	if _, err := f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: v, Levels: []int{0, -1, 1}, Diagnosis: "导入自然"}, true); !isField(err, "score_1") {
		t.Errorf("submit with an unscored indicator: %v, want the error at score_1", err)
	}
	if _, err := f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: v - 1, Levels: []int{0, 0, 0}}, false); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("stale draft save: %v", err)
	}
	if _, err := f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: v, Levels: []int{0, 0, 0}, Diagnosis: "导入自然"}, true); err != nil {
		t.Fatal(err)
	}
	o, err := f.svc.FindObservationByID(ctx, f.w.TeacherUserA, id)
	if err != nil || o.ObserverName != "鹿城教研员" || o.Total != 100 {
		t.Fatalf("teacher's view: %q %v %v; want the observer named (no anonymity rule) and total 100", o.ObserverName, o.Total, err)
	}
	if err := f.svc.Respond(ctx, f.w.TeacherUserA, id, "谢谢指导，会加强分层练习"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Respond(ctx, res, id, "我来回复"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("the observer answered as the teacher: %v", err)
	}
	if _, err := f.svc.FindObservationByID(ctx, f.w.CountyB, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B saw county A's observation: %v", err)
	}
	if o, err := f.svc.FindObservationByID(ctx, f.w.CountyA, id); err != nil || o.ObserverName != "鹿城教研员" || o.Response == "" {
		t.Errorf("county A's view: %+v %v", o, err)
	}
}

func isField(err error, field string) bool {
	e, ok := err.(*app.Error)
	return ok && e.Field == field
}

func TestTapPadSamplesTheCurrentBehaviourAndAnalysesByTheRules(t *testing.T) {
	f := newFixture(t)
	res := f.observer(t)
	id, _ := f.svc.CreateObservation(ctx, res, activity.Observation{TeacherID: f.w.TeacherA, Topic: "观察课", Date: "2025-10-15", LessonType: activity.LessonResearch})
	o, _ := f.svc.FindObservationByID(ctx, res, id)
	f.svc.Policy = &policy.Service{DB: f.w.DB}
	if _, err := f.svc.Analyse(ctx, o); !strings.Contains(app.ErrorMessage(err), "本区域未设定规则") {
		t.Fatalf("analysis without the region's rules: %v", err)
	}
	f.withRules(t)
	taps := []struct {
		kind, code string
		tick       bool
	}{{"st", "T", false}, {"st", "", true}, {"st", "", true}, {"st", "S", false}, {"st", "", true}, {"st", "T", false}, {"st", "", true},
		{"fias", "5", false}, {"fias", "", true}, {"fias", "4", false}, {"fias", "", true}, {"fias", "8", false}, {"fias", "", true}}
	for _, tp := range taps {
		if _, err := f.svc.Code(ctx, res, id, tp.kind, tp.code, tp.tick); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.Code(ctx, res, id, "st", "X", false); !isField(err, "code") {
		t.Errorf("tap X: %v", err)
	}
	o, _ = f.svc.FindObservationByID(ctx, res, id)
	if o.STCodes != "TTST" || o.FIASCodes != "5 4 8" || o.Version != 1 {
		t.Fatalf("coded %q / %q v%d, want TTST / 5 4 8 with the version untouched", o.STCodes, o.FIASCodes, o.Version)
	}
	c, err := f.svc.Analyse(ctx, o)
	// TTST: N 4, N_T 3, runs 3 → Rt 0.75 (讲授型), Ch 0.5
	if err != nil || c.ST.Rt != 0.75 || c.ST.Ch != 0.5 || c.ST.Mode != activity.ModeLecture || c.FIAS.Matrix[4][3] != 1 || c.FIAS.Matrix[3][7] != 1 {
		t.Fatalf("analysis %+v %v", c, err)
	}
	if err := f.svc.SaveCodes(ctx, res, id, "TTSQ", "5 4"); !isField(err, "st_codes") {
		t.Errorf("bad corrected codes: %v", err)
	}
	if err := f.svc.SaveCodes(ctx, res, id, "tsts", "10 8"); err != nil {
		t.Fatal(err)
	}
	o, _ = f.svc.FindObservationByID(ctx, res, id)
	if o.STCodes != "TSTS" || o.FIASCodes != "10 8" {
		t.Errorf("corrected codes %q %q", o.STCodes, o.FIASCodes)
	}
}

// TestObserverAnonymityIsTheRegionsRule: the observed teacher sees the
// observer named or "听课人（匿名）" by the region's rule in the record's
// 学年, the same for every record; the observer and the office always see
// the name.
func TestObserverAnonymityIsTheRegionsRule(t *testing.T) {
	f := newFixture(t)
	res := f.observer(t)
	ps := &policy.Service{DB: f.w.DB, Now: func() (tm time.Time) { return f.clock }}
	f.svc.Policy = ps
	id, err := f.svc.CreateObservation(ctx, res, activity.Observation{TeacherID: f.w.TeacherA, Topic: "圆的认识", Date: "2025-10-16",
		LessonType: activity.LessonRegular})
	if err == nil {
		_, err = f.svc.SaveDraft(ctx, res, activity.Draft{ID: id, Version: 1, Diagnosis: "结构清楚"}, true)
	}
	if err != nil {
		t.Fatal(err)
	}
	admin := app.System("测试", auth.PermRegionEdit, auth.PermRegionView)
	for i, c := range []struct {
		rule float64
		want string
	}{{1, activity.AnonymousObserver}, {0, "鹿城教研员"}} {
		if err := ps.SetValue(ctx, admin, "330300", policy.RuleActivityObserverAnonymous, c.rule, 2025, "测试", i); err != nil {
			t.Fatal(err)
		}
		o, err := f.svc.FindObservationByID(ctx, f.w.TeacherUserA, id)
		list, _, lerr := f.svc.FindObservations(ctx, f.w.TeacherUserA, activity.ObsFilter{Role: "teacher"})
		if err != nil || lerr != nil || o.ObserverName != c.want || len(list) != 1 || list[0].ObserverName != c.want {
			t.Errorf("rule %v: the teacher sees %q (list %+v) %v %v, want %q", c.rule, o.ObserverName, list, err, lerr, c.want)
		}
		if o, _ := f.svc.FindObservationByID(ctx, res, id); o.ObserverName != "鹿城教研员" {
			t.Errorf("rule %v: the observer sees %q", c.rule, o.ObserverName)
		}
		if o, _ := f.svc.FindObservationByID(ctx, f.w.CountyA, id); o.ObserverName != "鹿城教研员" {
			t.Errorf("rule %v: the office sees %q", c.rule, o.ObserverName)
		}
	}
}
