package report_test

import (
	"reflect"
	"testing"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/testutil"
)

// The dashboard reads the maintained visit summaries; every researcher's
// figures and verdicts there equal their workload card, which counts the
// visits afresh.
func TestDashboardFiguresEqualFreshCards(t *testing.T) {
	f, _ := dashWorld(t)
	d, err := f.Rep.Dashboard(ctx, testutil.Root, "", dict.Term{Year: 2025, Half: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Quotas) < 2 {
		t.Fatalf("%d researchers on the dashboard", len(d.Quotas))
	}
	for _, q := range d.Quotas {
		c, err := f.Rep.Card(ctx, testutil.Root, q.Researcher.ID, 2025)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(q.Figures, c.Figures) || !reflect.DeepEqual(q.Rows, c.Rows) {
			t.Fatalf("%s: dashboard %+v %+v, card %+v %+v", q.Researcher.Name, q.Figures, q.Rows, c.Figures, c.Rows)
		}
	}
}
