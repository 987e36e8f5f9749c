package activity_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// team makes a published round of county A with researcher's liaison team
// (联系组) of members; it returns the team id.
func (f *fixture) team(t *testing.T, researcher int64, members ...int64) int64 {
	t.Helper()
	var id int64
	err := f.w.DB.Write(ctx, func(tx *db.Tx) error {
		round, err := tx.InsertID(ctx, `INSERT INTO liaison_rounds (region_code, name, first_year, prepare_start, prepare_end, implement_start,
			implement_end, summary_start, summary_end, status, created_at, updated_at)
			VALUES ('330302', '联系学校第一轮', 2025, '', '', '', '', '', '', 'published', 0, 0) RETURNING id`)
		if err == nil {
			id, err = tx.InsertID(ctx, "INSERT INTO liaison_teams (round_id, researcher_id, capacity) VALUES (?, ?, 4) RETURNING id", round, researcher)
		}
		for _, m := range members {
			if err == nil {
				_, err = tx.Exec(ctx, "INSERT INTO liaison_team_members (team_id, person_id) VALUES (?, ?)", id, m)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestLiaisonTeamOrganisesAndItsMembersManage: a researcher names their
// 联系组 as organiser; a member teacher (without 组织教研活动) sees the draft,
// edits and publishes it; a teacher outside the team and another county
// cannot; a researcher outside the team cannot name it.
func TestLiaisonTeamOrganisesAndItsMembersManage(t *testing.T) {
	f := newFixture(t)
	res := f.observer(t)
	team := f.team(t, res.PersonID, f.w.TeacherA)
	outsider := f.w.MustUser(t, f.w.MustPerson(t, personAt(f.w.SchoolA, "孙局外")), "teacher_x", auth.RoleTeacher)
	orgs, err := f.svc.Organisers(ctx, res)
	var named string
	for _, o := range orgs {
		if o.TeamID == team {
			named = o.Name
		}
	}
	if err != nil || named != "鹿城教研员联系组（联系学校第一轮）" {
		t.Fatalf("organisers %+v %v: want the researcher's 联系组", orgs, err)
	}
	a := f.draft()
	a.OrgID, a.TeamID = 0, team
	other := f.w.MustUser(t, f.w.MustPerson(t, personAt(f.w.BureauA, "鹿城教研员乙")), "res_b", auth.RoleResearcher)
	if _, err := f.svc.CreateActivity(ctx, other, a, activity.AudienceRegion); !isField(err, "org_id") {
		t.Errorf("a researcher outside the team named it: %v", err)
	}
	id, err := f.svc.CreateActivity(ctx, res, a, activity.AudienceRegion)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.FindActivityByID(ctx, f.w.TeacherUserA, id)
	if err != nil || !d.Manage || !strings.HasSuffix(d.Organiser, "鹿城教研员联系组") || d.State != activity.StateDraft {
		t.Fatalf("the member's view of the draft: %+v %v", d.Activity, err)
	}
	page, err := f.svc.FindActivities(ctx, f.w.TeacherUserA, activity.Filter{Term: dict.Term{Year: 2025, Half: 1}})
	if err != nil || len(page.Activities) != 1 || page.Activities[0].ID != id {
		t.Errorf("the member's list lacks the team's draft: %+v %v", page.Activities, err)
	}
	edit := d.Activity
	edit.Title = "联系组课堂诊断研讨"
	if err := f.svc.UpdateActivity(ctx, f.w.TeacherUserA, edit, activity.AudienceRegion); err != nil {
		t.Fatalf("the member's edit: %v", err)
	}
	if _, err := f.svc.FindActivityByID(ctx, outsider, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("a teacher outside the team sees the draft: %v", err)
	}
	if err := f.svc.Publish(ctx, f.w.CountyB, id, 2); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B published the team's activity: %v", err)
	}
	if err := f.svc.Publish(ctx, f.w.TeacherUserA, id, 2); err != nil {
		t.Fatalf("the member's publish: %v", err)
	}
	if err := f.svc.End(ctx, outsider, id, 3, "到会 20 人"); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Errorf("a teacher outside the team ended the published activity: %v", err)
	}
	if err := f.svc.End(ctx, f.w.TeacherUserA, id, 3, "到会 20 人"); err != nil {
		t.Errorf("the member's end: %v", err)
	}
}
