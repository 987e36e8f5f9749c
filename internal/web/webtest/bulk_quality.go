package webtest

import (
	"context"
	"fmt"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
)

// bulkExams makes n exams of county A (organised by its bureau, sat by
// school A), for the paging of /exams; and, on the first, n warnings about
// school A each with a rectification, for /warnings and /rectifications.
// The warnings and loops are written as rows (an analysis raises a handful
// only; webtest may not import the rectify package).
func (s *Site) bulkExams(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	svc := &quality.Service{DB: s.DB, Org: s.Org}
	var first int64
	for i := 1; i <= n; i++ {
		id, err := svc.CreateExam(ctx, s.CountyA, quality.Exam{OrgID: s.BureauA, Name: fmt.Sprintf("%s考试%03d", BulkPrefix, i),
			Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCounty, Kind: quality.KindQuality, SchoolIDs: []int64{s.SchoolA}})
		if err != nil {
			t.Fatalf("exam %d: %v", i, err)
		}
		if first == 0 {
			first = id
		}
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var path string
		if err := tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", s.SchoolA).Scan(&path); err != nil {
			return err
		}
		rid, err := tx.InsertID(ctx, `INSERT INTO quality_reports (exam_id, students, subjects, meta, created_at)
			VALUES (?, 0, '数学、总分', '{}', 0) RETURNING id`, first)
		if err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			msg := fmt.Sprintf("%s预警%03d：鹿城区实验小学 %d班数学低分率偏高", BulkPrefix, i, i)
			wid, err := tx.InsertID(ctx, `INSERT INTO quality_warnings (exam_id, report_id, kind, warn_key, school_id, scope_path, county, school,
				class_name, subject, measured, threshold, message, created_at, updated_at)
				VALUES (?, ?, 'class_low', ?, ?, ?, '鹿城区', '鹿城区实验小学', ?, '数学', 50, 30, ?, 0, 0) RETURNING id`,
				first, rid, fmt.Sprintf("bulk/%d", i), s.SchoolA, path, fmt.Sprintf("%d班", i), msg)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO rectify_loops (owner_kind, owner_id, org_id, org_path, title, status, due_date, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 'interpret', ?, 0, 0)`, quality.RectifyOwner, wid, s.SchoolA, path, msg,
				fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
