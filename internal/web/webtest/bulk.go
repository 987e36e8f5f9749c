package webtest

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web"
)

// BulkPrefix starts the name of every row Bulk makes, so a filter on it
// keeps them all and drops the world's own rows.
const BulkPrefix = "批量"

// Bulk fills county A with n (more than a page) of everything a list page
// shows: schools, people with accounts, teaching groups, 名师工作室, visits of the
// researcher "bulk_res", published notices, and todos and messages of
// county_a, and 教研活动 and 听课记录 of county A; the audit log grows with them. It also signs up the 三员
// accounts "bulk_sys", "bulk_sec" and "bulk_audit".
func (s *Site) Bulk(t testing.TB, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		s.MustSchool(t, fmt.Sprintf("%s学校%03d", BulkPrefix, i), "330302", 100+i)
		pid := s.MustPerson(t, org.Person{Name: fmt.Sprintf("%s教师%03d", BulkPrefix, i), OrgID: s.SchoolA, Subjects: []string{"语文"}})
		web.TestUser(t, s.World, pid, fmt.Sprintf("bulk_t%03d", i), auth.RoleTeacher)
		if _, err := s.Org.SaveGroup(context.Background(), s.CountyA, org.Group{OrgID: s.SchoolA, Name: fmt.Sprintf("%s教研组%03d", BulkPrefix, i),
			Kind: "subject", Subject: "语文", Stage: "primary", FiledOn: "2025-09-01"}, nil); err != nil {
			t.Fatalf("group %d: %v", i, err)
		}
		if _, err := s.Org.SaveStudio(context.Background(), s.CountyA, org.Studio{Name: fmt.Sprintf("%s名师工作室%03d", BulkPrefix, i),
			Level: "school", OrgID: s.SchoolA, HostID: pid, Subject: "语文", Stage: "primary", FoundedYear: 2024}, nil); err != nil {
			t.Fatalf("studio %d: %v", i, err)
		}
	}
	for _, u := range [][2]string{{"bulk_sys", auth.RoleSysAdmin}, {"bulk_sec", auth.RoleSecAdmin}, {"bulk_audit", auth.RoleAuditor}} {
		s.Admin(t, u[0], u[1])
	}
	s.bulkVisits(t, n)
	s.bulkNotices(t, n)
	s.bulkInbox(t, n)
	s.bulkExams(t, n)
	s.bulkReview(t, n)
	s.bulkActivities(t, n)
	s.bulkObservations(t, n)
	s.bulkActivityLists(t, n)
}

// bulkVisits makes the researcher bulk_res of county A with n visits on
// n different past days, and n 兼职教研员 of the same office (for the
// roster's pages).
func (s *Site) bulkVisits(t testing.TB, n int) {
	t.Helper()
	office := s.MustOrg(t, org.Org{Name: BulkPrefix + "教研室", Kind: org.KindResearchOffice, RegionCode: "330302"})
	rid := s.MustPerson(t, org.Person{Name: BulkPrefix + "教研员", OrgID: office, ResearcherKind: "fulltime", ResearcherSubject: "数学", OfficeID: office})
	web.TestUser(t, s.World, rid, "bulk_res", auth.RoleResearcher)
	for i := 1; i <= n; i++ {
		s.MustPerson(t, org.Person{Name: fmt.Sprintf("%s兼职教研员%03d", BulkPrefix, i), OrgID: s.SchoolA, ResearcherKind: "parttime",
			ResearcherSubject: "语文", OfficeID: office})
	}
	svc := &liaison.Service{DB: s.DB, Org: s.Org, Policy: &policy.Service{DB: s.DB}, Dict: &dict.Store{DB: s.DB}}
	var vs []liaison.Visit
	for i := 1; i <= n; i++ {
		day := time.Now().In(web.CST).AddDate(0, 0, -i).Format("2006-01-02")
		vs = append(vs, liaison.Visit{ResearcherID: rid, SchoolID: s.SchoolA, Purpose: liaison.PurposeLiaison,
			StartDate: day, EndDate: day, LessonsObserved: i % 5})
	}
	if _, err := svc.SaveVisits(context.Background(), s.CountyA, vs); err != nil {
		t.Fatalf("visits: %v", err)
	}
}

// bulkNotices publishes n notices of county A's bureau to county A.
func (s *Site) bulkNotices(t testing.TB, n int) {
	t.Helper()
	pub := s.CountyA
	pub.Perms = maps.Clone(pub.Perms)
	pub.Perms[notify.PermNoticePublish] = true
	svc := &notify.Service{DB: s.DB}
	for i := 1; i <= n; i++ {
		_, err := svc.CreateNotice(context.Background(), pub, notify.Notice{Title: fmt.Sprintf("%s通知%03d", BulkPrefix, i),
			Body: "正文", Audience: notify.Audience{RegionCodes: []string{"330302"}}}, true)
		if err != nil {
			t.Fatalf("notice %d: %v", i, err)
		}
	}
}

// bulkInbox gives county_a n open todos and n messages.
func (s *Site) bulkInbox(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		for i := 1; i <= n; i++ {
			if err := notify.AddTodo(ctx, tx, notify.Todo{UserID: s.CountyA.UserID, Key: fmt.Sprintf("bulk:%d", i), Source: "测试",
				Title: fmt.Sprintf("%s待办%03d", BulkPrefix, i), Link: "/people"}); err != nil {
				return err
			}
			if _, err := notify.Send(ctx, tx, notify.Message{UserID: s.CountyA.UserID, Title: fmt.Sprintf("%s消息%03d", BulkPrefix, i),
				Body: "内容"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("inbox: %v", err)
	}
}

// bulkActivities publishes n 教研活动 of county A's bureau to county A in
// the current 学期, one an hour (written directly: webtest knows no module).
func (s *Site) bulkActivities(t testing.TB, n int) {
	t.Helper()
	now := time.Now().In(web.CST)
	term := dict.TermOf(now)
	err := s.DB.Write(context.Background(), func(tx *db.Tx) error {
		var path, region, name, rpath string
		if err := tx.QueryRow(context.Background(), `SELECT o.path, o.region_code, o.name, r.path FROM orgs o JOIN regions r ON r.code = o.region_code
			WHERE o.id = ?`, s.BureauA).Scan(&path, &region, &name, &rpath); err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			start := now.Add(time.Duration(i-n/2) * time.Hour)
			if _, err := tx.Exec(context.Background(), `INSERT INTO activities (region_code, org_id, org_path, organiser, kind, title, theme,
				plan, starts_at, ends_at, place, audience_path, audience_name, signup_mode, state, school_year, half, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'themed', ?, '主题', '方案', ?, ?, '报告厅', ?, '鹿城区', 'open', 'published', ?, ?, 0, 0)`,
				region, s.BureauA, path, name, fmt.Sprintf("%s活动%03d", BulkPrefix, i), start.Format("2006-01-02 15:04"),
				start.Add(time.Hour).Format("2006-01-02 15:04"), rpath, term.Year, int(term.Half)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("activities: %v", err)
	}
}

// bulkObservations are n submitted 听课记录 by bulk_res of teacher A's
// lessons this 学年 (written directly, as bulkActivities).
func (s *Site) bulkObservations(t testing.TB, n int) {
	t.Helper()
	now := time.Now().In(web.CST)
	term := dict.TermOf(now)
	err := s.DB.Write(context.Background(), func(tx *db.Tx) error {
		var observer int64
		var path string
		if err := tx.QueryRow(context.Background(), "SELECT id FROM people WHERE name = ?", BulkPrefix+"教研员").Scan(&observer); err != nil {
			return err
		}
		if err := tx.QueryRow(context.Background(), "SELECT path FROM orgs WHERE id = ?", s.SchoolA).Scan(&path); err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			if _, err := tx.Exec(context.Background(), `INSERT INTO observations (observer_id, teacher_id, school_id, org_path, topic, on_date,
				lesson_type, state, school_year, half, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'regular', 'submitted', ?, ?, 0, 0)`,
				observer, s.TeacherA, s.SchoolA, path, fmt.Sprintf("%s课题%03d", BulkPrefix, i), now.AddDate(0, 0, -i%20).Format("2006-01-02"),
				term.Year, int(term.Half)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("observations: %v", err)
	}
}

// bulkActivityLists are n 评课量表, n 送教助研 menu items and n 虚拟教研室 of
// county A's bureau, through the activity service.
func (s *Site) bulkActivityLists(t testing.TB, n int) {
	t.Helper()
	ctx, svc := context.Background(), &activity.Service{DB: s.DB, Keys: s.Keys}
	for i := 1; i <= n; i++ {
		if _, err := svc.SaveRubric(ctx, s.CountyA, activity.Rubric{Name: fmt.Sprintf("%s量表%03d", BulkPrefix, i)}, "等级：优秀=1，合格=0.6\n教学目标|目标明确|100"); err != nil {
			t.Fatalf("rubric %d: %v", i, err)
		}
		if _, err := svc.CreateServiceItem(ctx, s.CountyA, activity.ServiceItem{Name: fmt.Sprintf("%s送教项目%03d", BulkPrefix, i)},
			[]int64{s.TeacherA}); err != nil {
			t.Fatalf("service item %d: %v", i, err)
		}
		if _, err := svc.CreateRoom(ctx, s.CountyA, activity.Room{Name: fmt.Sprintf("%s教研室%03d", BulkPrefix, i)}, nil); err != nil {
			t.Fatalf("room %d: %v", i, err)
		}
	}
}
