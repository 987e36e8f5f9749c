package webtest

import (
	"context"
	"fmt"
	"testing"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
)

// bulkExams makes n exams of county A (organised by its bureau, sat by
// school A), for the paging of /exams.
func (s *Site) bulkExams(t testing.TB, n int) {
	t.Helper()
	svc := &quality.Service{DB: s.DB, Org: s.Org}
	for i := 1; i <= n; i++ {
		_, err := svc.CreateExam(context.Background(), s.CountyA, quality.Exam{OrgID: s.BureauA, Name: fmt.Sprintf("%s考试%03d", BulkPrefix, i),
			Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCounty, Kind: quality.KindQuality, SchoolIDs: []int64{s.SchoolA}})
		if err != nil {
			t.Fatalf("exam %d: %v", i, err)
		}
	}
}
