package webtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

// bulkReview gives county A n campaigns and n experts in its pool.
func (s *Site) bulkReview(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	svc := &review.Service{DB: s.DB}
	today := time.Now().In(web.CST)
	for i := 1; i <= n; i++ {
		_, err := svc.CreateCampaign(ctx, s.CountyA, review.Campaign{Kind: review.KindPaper, Title: fmt.Sprintf("%s论文评审%03d", BulkPrefix, i),
			OrgID: s.BureauA, Opens: today.Format("2006-01-02"), Closes: today.AddDate(0, 1, 0).Format("2006-01-02"), Reviewers: 3,
			Method: review.MethodMean}, []review.RubricItem{{Name: "选题", Max: 100}})
		if err != nil {
			t.Fatalf("campaign %d: %v", i, err)
		}
		_, err = svc.JoinPool(ctx, s.CountyA, review.Expert{Name: fmt.Sprintf("%s专家%03d", BulkPrefix, i), Affiliation: "温州大学",
			PoolOrgID: s.BureauA, Subjects: []string{"语文"}, MaxLoad: 10}, "批量入库")
		if err != nil {
			t.Fatalf("expert %d: %v", i, err)
		}
	}
}
