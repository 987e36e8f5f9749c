package liaison_test

import (
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
)

// roundFor writes a round (status given) with ResA's team linked to school,
// straight into the schema the rounds service owns.
func roundFor(t *testing.T, f *fixture, status string, res, school int64) int64 {
	t.Helper()
	exec := func(q string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := f.DB.Write(ctx, func(tx *db.Tx) (err error) {
			id, err = tx.InsertID(ctx, q+" RETURNING id", args...)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	round := exec(`INSERT INTO liaison_rounds (region_code, name, first_year, prepare_start, prepare_end, implement_start,
		implement_end, summary_start, summary_end, status, created_at, updated_at) VALUES ('330302', '2025—2027学年联系学校', 2025,
		'2025-09-01', '2025-10-31', '2025-11-01', '2027-05-31', '2027-06-01', '2027-07-31', '` + status + `', 0, 0)`)
	team := exec(`INSERT INTO liaison_teams (round_id, researcher_id) VALUES (?, ?)`, round, res)
	return exec(`INSERT INTO liaison_links (round_id, team_id, school_id, updated_at) VALUES (?, ?, ?, 0)`, round, team, school)
}

// stationFor writes a station plan (status given) placing res at school in
// 2025学年第一学期.
func stationFor(t *testing.T, f *fixture, status string, res, school int64) int64 {
	t.Helper()
	var id int64
	err := f.DB.Write(ctx, func(tx *db.Tx) error {
		plan, err := tx.InsertID(ctx, `INSERT INTO station_plans (region_code, name, first_year, first_half, terms, status, created_at,
			updated_at) VALUES ('330302', '蹲点视导轮换', 2025, 1, 4, ?, 0, 0) RETURNING id`, status)
		if err == nil {
			id, err = tx.InsertID(ctx, `INSERT INTO stations (plan_id, researcher_id, school_id, school_year, half)
				VALUES (?, ?, ?, 2025, 1) RETURNING id`, plan, res, school)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestMyTermStation(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	other := f.MustSchool(t, "鹿城区山区小学", "330302", 31)
	third := f.MustSchool(t, "鹿城区海岛小学", "330302", 32)
	station := stationFor(t, f, "published", f.ResA, other)
	stationFor(t, f, "draft", f.ResA, third)
	m, err := f.Svc.MyTerm(ctx, f.ResUserA)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Schools) != 1 || m.Schools[0].StationID != station || m.Schools[0].Purpose != liaison.PurposeStation {
		t.Fatalf("schools = %+v, want the published station only", m.Schools)
	}
	if v := m.Prefill(other); v.Purpose != liaison.PurposeStation || v.StationID != station {
		t.Fatalf("prefill = %+v", v)
	}
}

func TestMyTerm(t *testing.T) {
	f := newFixture(t)
	withRules(t, f)
	other := f.MustSchool(t, "鹿城区山区小学", "330302", 31)
	link := roundFor(t, f, "published", f.ResA, f.SchoolA)
	roundFor(t, f, "draft", f.ResA, other)
	logVisit(t, f, f.ResUserA, f.ResA, f.SchoolA, "2025-11-03", "2025-11-05", 3, 6, 0)
	logVisit(t, f, f.ResUserA, f.ResA, other, "2025-11-10", "2025-11-10", 1, 2, 0)
	m, err := f.Svc.MyTerm(ctx, f.ResUserA)
	if err != nil {
		t.Fatal(err)
	}
	if m.Term.String() != "2025学年第一学期" || len(m.Schools) != 1 {
		t.Fatalf("term %s, schools %+v; want the published round's school only", m.Term, m.Schools)
	}
	s := m.Schools[0]
	if s.SchoolID != f.SchoolA || s.LinkID != link || s.Days != 3 || s.Purpose != liaison.PurposeLiaison {
		t.Fatalf("school = %+v", s)
	}
	if m.TermDays.Measured != "4 天" || m.TermDays.Gap != "差 16 天" || m.TermDays.Colour != liaison.Red {
		t.Fatalf("term days = %+v, want 4 天, 差 16 天", m.TermDays)
	}
	v := m.Prefill(f.SchoolA)
	if v.Purpose != liaison.PurposeLiaison || v.LinkID != link || v.StartDate != "2025-12-15" {
		t.Fatalf("prefill = %+v", v)
	}
	if mb, _ := f.Svc.MyTerm(ctx, f.ResUserB); len(mb.Schools) != 0 {
		t.Fatalf("researcher B sees A's schools: %+v", mb.Schools)
	}
	if _, err := f.Svc.MyTerm(ctx, f.CountyA); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("county admin: %v", err)
	}
}
