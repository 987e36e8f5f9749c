package review_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Declared 回避 with an organisation or one submission keep the expert off
// it in the assignment; a withdrawn declaration is audited and lifts it.
func TestConflictsWithOrganisationsAndSubmissions(t *testing.T) {
	w := newAssignWorld(t)
	cs, err := w.svc.Conflicts(w.ctx, w.w.CityAdmin, w.eX)
	if err != nil || len(cs) != 1 || cs[0].Kind != "单位" || cs[0].Target != "龙湾区永中小学" || cs[0].Reason != "曾在该校任职" {
		t.Fatalf("conflicts of 李教授 = %+v, %v", cs, err)
	}
	// 专家丙 is a relative of s1's author; 专家丁 once taught at 鹿城区实验小学.
	if err := w.svc.AddSubmissionConflict(w.ctx, w.w.CityAdmin, w.s1, "专家丙", "申报人为其亲属"); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.AddOrgConflict(w.ctx, w.w.CityAdmin, w.eB2, "鹿城区实验小学", "曾在该校任教"); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.AddOrgConflict(w.ctx, w.w.CityAdmin, w.eB2, "不存在的学校", "x"); app.ErrorCode(err) != app.EINVALID || !strings.Contains(err.Error(), "找不到") {
		t.Fatalf("unknown school: %v", err)
	}
	if err := w.svc.AddSubmissionConflict(w.ctx, w.w.CityAdmin, w.s1, "无此人", "x"); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("unknown expert: %v", err)
	}
	// county A's admin does not manage the city's campaign.
	if err := w.svc.AddSubmissionConflict(w.ctx, w.w.CountyA, w.s1, "专家丙", "x"); err == nil {
		t.Fatal("county A declared a conflict on the city's campaign")
	}
	cs, _ = w.svc.Conflicts(w.ctx, w.w.CityAdmin, w.eB1)
	if len(cs) != 1 || cs[0].Kind != "申报项目" || cs[0].Target != "鹿城案例" {
		t.Fatalf("conflicts of 专家丙 = %+v", cs)
	}
	if _, err := w.svc.Assign(w.ctx, w.w.CityAdmin, w.c, nil); err != nil {
		t.Fatal(err)
	}
	bySub := map[int64][]int64{}
	for _, p := range w.pairs(t) {
		if p.Sub == w.s1 && (p.Expert == w.eB1 || p.Expert == w.eB2) {
			t.Errorf("s1 given to expert %d against the declared 回避", p.Expert)
		}
		bySub[p.Sub] = append(bySub[p.Sub], p.Expert)
	}
	if len(bySub[w.s1]) != 1 || bySub[w.s1][0] != w.eX {
		t.Fatalf("s1 reviewers = %v, want only 李教授", bySub[w.s1])
	}
	// withdrawing 李教授's declaration is audited.
	if err := w.svc.RemoveConflict(w.ctx, w.w.CityAdmin, w.eB1, cs[0].ID, ""); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("no reason: %v", err)
	}
	if err := w.svc.RemoveConflict(w.ctx, w.w.CountyA, w.eB1, cs[0].ID, "误登记"); err == nil {
		t.Fatal("county A removed a city pool's declaration")
	}
	x, _ := w.svc.Conflicts(w.ctx, w.w.CityAdmin, w.eX)
	if err := w.svc.RemoveConflict(w.ctx, w.w.CityAdmin, w.eB1, x[0].ID, "误登记"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("another expert's declaration removed: %v", err)
	}
	if err := w.svc.RemoveConflict(w.ctx, w.w.CityAdmin, w.eX, x[0].ID, "已离开该校多年"); err != nil {
		t.Fatalf("remove: %v", err)
	}
	if x, _ = w.svc.Conflicts(w.ctx, w.w.CityAdmin, w.eX); len(x) != 0 {
		t.Fatalf("still declared: %+v", x)
	}
	var summary, before string
	if err := w.w.DB.Read(w.ctx, func(tx *db.Tx) error {
		return tx.QueryRow(w.ctx, "SELECT summary, before_json FROM audit_log WHERE action = 'expert.conflict_remove'").Scan(&summary, &before)
	}); err != nil || !strings.Contains(summary, "已离开该校多年") || !strings.Contains(before, "龙湾区永中小学") {
		t.Fatalf("audit %q %q, %v", summary, before, err)
	}
}
