package webtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

// bulkReview gives county A n campaigns and n experts in its pool.
func (s *Site) bulkReview(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	svc := &review.Service{DB: s.DB}
	today := time.Now().In(web.CST)
	var first int64
	for i := 1; i <= n; i++ {
		id, err := svc.CreateCampaign(ctx, s.CountyA, review.Campaign{Kind: review.KindPaper, Title: fmt.Sprintf("%s论文评审%03d", BulkPrefix, i),
			OrgID: s.BureauA, Opens: today.Format("2006-01-02"), Closes: today.AddDate(0, 1, 0).Format("2006-01-02"), Reviewers: 3,
			Method: review.MethodMean}, []review.RubricItem{{Name: "选题", Max: 100}})
		if err != nil {
			t.Fatalf("campaign %d: %v", i, err)
		}
		if first == 0 {
			first = id
		}
		_, err = svc.JoinPool(ctx, s.CountyA, review.Expert{Name: fmt.Sprintf("%s专家%03d", BulkPrefix, i), Affiliation: "温州大学",
			PoolOrgID: s.BureauA, Subjects: []string{"语文"}, MaxLoad: 10}, "批量入库")
		if err != nil {
			t.Fatalf("expert %d: %v", i, err)
		}
	}
	s.bulkProjects(t, first, n)
	s.bulkRounds(t, n)
}

// bulkRounds writes n 比拼 rounds of county A's bureau straight to the
// table (a round's phases need the rotation rule; the list only needs the
// rows).
func (s *Site) bulkRounds(t testing.TB, n int) {
	t.Helper()
	err := s.DB.Write(context.Background(), func(tx *db.Tx) error {
		for i := 1; i <= n; i++ {
			if _, err := tx.Exec(context.Background(), `INSERT INTO review_contest_rounds (org_id, org_path, school_year, term, stage_name, stages,
				created_at) SELECT o.id, o.path, 2025, ?, '中学', 'junior,senior', 0 FROM orgs o WHERE o.id = ?`,
				fmt.Sprintf("%s比拼%03d", BulkPrefix, i), s.BureauA); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("rounds: %v", err)
	}
}

// bulkProjects writes n 课题 of teacher A, each also in the 成果库, straight to the tables (立项
// needs a finished campaign; the list only needs the rows).
func (s *Site) bulkProjects(t testing.TB, campaign int64, n int) {
	t.Helper()
	ctx := context.Background()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		for i := 1; i <= n; i++ {
			sub, err := tx.InsertID(ctx, `INSERT INTO review_submissions (campaign_id, author_id, org_id, org_path, county_code, title, subject,
				status, awarded, created_at, updated_at) SELECT ?, ?, o.id, o.path, '330302', ?, '语文', 'passed', TRUE, 0, 0 FROM orgs o WHERE o.id = ?
				RETURNING id`, campaign, s.TeacherA, fmt.Sprintf("%s课题%03d", BulkPrefix, i), s.SchoolA)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO review_projects (submission_id, campaign_id, number, title, level, leader_id, org_id, org_path,
				county_code, subject, year, due_open, due_mid, due_end, created_at, updated_at)
				SELECT s.id, s.campaign_id, ?, s.title, 'county', s.author_id, s.org_id, s.org_path, s.county_code, s.subject, 2025,
				'2025-11-30', '2026-06-30', '2026-12-31', 0, 0 FROM review_submissions s WHERE s.id = ?`, fmt.Sprintf("2025县%03d", i), sub); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO review_outcomes (kind, title, subject, submission_id, publisher_org, publisher_path, reach_path,
				published_on, created_at) SELECT 'case', s.title, s.subject, s.id, c.org_id, c.org_path, c.reach_path, '2025-12-01', 0
				FROM review_submissions s JOIN review_campaigns c ON c.id = s.campaign_id WHERE s.id = ?`, sub); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("projects: %v", err)
	}
}
