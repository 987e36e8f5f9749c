package dict_test

import (
	"context"
	"testing"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/testutil"
)

func TestSeedEditAndConflict(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	s := &dict.Store{DB: w.DB}
	if err := s.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Rows(ctx, dict.TableTitle, true)
	if len(rows) < 5 || rows[0].Code != "third" {
		t.Fatalf("titles: %+v", rows)
	}
	admin := app.System("sys", dict.PermEdit)
	r := rows[0]
	r.Enabled = false
	if err := s.Save(ctx, admin, r); err != nil {
		t.Fatal(err)
	}
	if err := s.Seed(ctx); err != nil { // a second start keeps the edit
		t.Fatal(err)
	}
	if after, _ := s.Rows(ctx, dict.TableTitle, true); len(after) != len(rows)-1 {
		t.Fatalf("disabled entry still offered: %d of %d", len(after), len(rows))
	}
	if err := s.Save(ctx, admin, r); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale save: %v", err)
	}
	if err := s.Save(ctx, w.CountyA, dict.Row{Table: dict.TableSubject, Code: "calligraphy", Name: "书法"}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("county admin edited a code table: %v", err)
	}
	if err := s.Save(ctx, admin, dict.Row{Table: dict.TableSubject, Code: "calligraphy", Name: "书法", Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

func TestRegionCalendar(t *testing.T) {
	w := testutil.NewWorld(t)
	ctx := context.Background()
	s := &dict.Store{DB: w.DB}
	c := dict.YearCalendar{Region: "330302", Year: 2025, Term1Start: "2025-09-01", Term1End: "2026-01-23",
		Term2Start: "2026-02-24", Term2End: "2026-07-03"}
	bad := c
	bad.Term2Start = "2026-01-10"
	if err := s.SaveCalendar(ctx, w.CountyA, bad); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("overlapping terms accepted: %v", err)
	}
	if err := s.SaveCalendar(ctx, w.CountyA, c); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Calendar(ctx, "330302", 2025)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	term, in := got.TermOf(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	if !in || term.String() != "2025学年第二学期" {
		t.Fatalf("2026-03-02 is in %v %v", term, in)
	}
	if _, in := got.TermOf(time.Date(2026, 2, 10, 0, 0, 0, 0, time.UTC)); in {
		t.Fatal("winter holiday counted as a term")
	}
	if err := s.SaveCalendar(ctx, w.CountyA, c); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale calendar save: %v", err)
	}
}
