package liaison_test

import (
	"testing"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
)

// TestTrainingIsWrittenToTheCreditLedger: a researcher's training lands in
// the ledger as an approved 集中培训 item with its source, and hours another
// module credits (a 网络研修 programme) show on the researcher's list.
func TestTrainingIsWrittenToTheCreditLedger(t *testing.T) {
	f := newFixture(t)
	if _, err := f.Svc.SaveTraining(ctx, f.ResUserA, liaison.Training{ResearcherID: f.ResA, Kind: liaison.KindTraining,
		Program: "省级教研员高级研修", Hours: 24, Date: "2025-10-20"}); err != nil {
		t.Fatal(err)
	}
	var es []credit.Entry
	err := f.DB.Write(ctx, func(tx *db.Tx) (err error) {
		if es, err = credit.FindEntries(ctx, tx, credit.Filter{PersonID: f.ResA}); err != nil {
			return err
		}
		_, err = credit.Add(ctx, tx, credit.Entry{PersonID: f.ResA, SchoolYear: 2025, Half: 1, Date: "2025-11-02",
			Category: credit.CategoryOnline, Title: "网络研修项目", Hours: 16, Source: "program", State: credit.StateApproved})
		return err
	})
	if err != nil || len(es) != 1 {
		t.Fatalf("ledger = %+v, %v; want the one training entry", es, err)
	}
	if e := es[0]; e.Source != liaison.SourceTraining || e.State != credit.StateApproved || e.CategoryName != "集中培训" || e.Hours != 24 {
		t.Errorf("ledger entry = %+v, want approved 集中培训 24 hours from liaison.training", e)
	}
	list, err := f.Svc.FindTraining(ctx, f.ResUserA, f.ResA, 2025)
	if err != nil || len(list) != 2 || list[0].Program != "网络研修项目" || list[0].Kind != liaison.KindTraining {
		t.Fatalf("training list = %+v, %v; want the programme first, as 参加培训", list, err)
	}
}
