package policy

import (
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
)

// secondProcess opens another handle on the test database, with its own
// rule cache (the cache is per *db.DB), standing for a second serve
// process sharing the database.
func secondProcess(t *testing.T, d *db.DB) *Service {
	t.Helper()
	var dsn string
	err := d.Read(ctx, func(tx *db.Tx) error {
		if testutil.UsingPostgres() {
			var schema string
			if err := tx.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
				return err
			}
			u, err := url.Parse(os.Getenv("JIAOYAN_TEST_PG"))
			if err != nil {
				return err
			}
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			dsn = u.String()
			return nil
		}
		var seq int
		var name, file string
		if err := tx.QueryRow(ctx, "PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
			return err
		}
		dsn = "sqlite:" + file
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	audit.SetKey(other, testutil.AuditKey())
	return &Service{DB: other}
}

// fresh resolves code's rules without the cache.
func (f *fixture) fresh(t *testing.T, code string, year int) []RuleInForce {
	t.Helper()
	var rs []RuleInForce
	err := f.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		rs, err = rulesInForce(ctx, tx, code, "", year)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// sameAsFresh fails unless the cached rules of code equal a fresh
// resolution.
func (f *fixture) sameAsFresh(t *testing.T, step, code string, year int) []RuleInForce {
	t.Helper()
	got, err := f.svc.RulesInForce(ctx, f.CityAdmin, code, year)
	if err != nil {
		t.Fatal(err)
	}
	if want := f.fresh(t, code, year); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: cached rules of %s differ from a fresh read:\n got  %+v\n want %+v", step, code, got, want)
	}
	return got
}

func TestCachedRulesFollowWritesOfAnotherProcess(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "wenzhou_2024_26", 2025)
	other := secondProcess(t, f.DB)
	if v, ok, err := f.svc.ValueFor(ctx, countyA, hours, 2025); err != nil || !ok || v != 72 {
		t.Fatalf("county A before: %v %v %v", v, ok, err)
	}
	f.sameAsFresh(t, "before", countyA, 2025)

	// The other process sets county A's own value through the service.
	if err := (&Service{DB: other.DB, Now: f.svc.Now}).SetValue(ctx, f.CountyA, countyA, hours, 80, 2025, "区里要求更高", 0); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := f.svc.ValueFor(ctx, countyA, hours, 2025); v != 80 {
		t.Errorf("after the other process set 80, this one reads %v", v)
	}
	if r := f.check(t, countyA, hours, 2025, 75); r.Met || r.Target != 80 {
		t.Errorf("check after the change: %+v", r)
	}
	f.sameAsFresh(t, "after SetValue", countyA, 2025)

	// A write by plain SQL (an import, a repair) moves the version too.
	err := other.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE policy_values SET active = FALSE WHERE region_code = ? AND rule_key = ?", countyA, hours)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if v, _, _ := f.svc.ValueFor(ctx, countyA, hours, 2025); v != 72 {
		t.Errorf("county A's own value withdrawn: reads %v, want the city's 72 again", v)
	}
	f.sameAsFresh(t, "after a withdrawn value", countyA, 2025)

	// Renaming the city changes where an inherited rule says it comes from.
	err = other.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE regions SET name = ? WHERE code = ?", "温州市（新）", city)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rs := f.sameAsFresh(t, "after renaming the city", countyB, 2025)
	if len(rs) == 0 || rs[0].RegionName != "温州市（新）" {
		t.Errorf("inherited rule still names the old city: %+v", rs)
	}

	// Deleting every value leaves no rule in force, shown as not set.
	err = other.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "DELETE FROM policy_values WHERE rule_key = ?", hours)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := f.check(t, countyB, hours, 2025, 10); r.InForce || !strings.HasPrefix(r.Text, "本区域未设定规则") {
		t.Errorf("no value left: %+v", r)
	}
}

func TestCachedRulesAreTheCallersToChange(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "wenzhou_2024_26", 2025)
	rs, err := f.svc.RulesInForce(ctx, f.CityAdmin, countyA, 2025)
	if err != nil || len(rs) == 0 {
		t.Fatal(rs, err)
	}
	rs[0].Value, rs[0].RegionName = -1, "改坏了"
	f.sameAsFresh(t, "after a caller changed its copy", countyA, 2025)
}

func TestRuleBookAnswersAsValueFor(t *testing.T) {
	f := newFixture(t)
	f.mustApply(t, f.CityAdmin, city, "wenzhou_2024_26", 2025)
	if err := f.svc.SetValue(ctx, f.CountyA, countyA, hours, 80, 2025, "", 0); err != nil {
		t.Fatal(err)
	}
	book, err := f.svc.RuleBook(ctx, []string{countyA, countyB, countyA, city}, 2025)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{countyA, countyB, city} {
		for _, key := range []RuleKey{hours, lessons, RuleStationCoverageYears} {
			v1, ok1, err1 := f.svc.ValueFor(ctx, code, key, 2025)
			v2, ok2, err2 := book.ValueFor(code, key)
			if v1 != v2 || ok1 != ok2 || err1 != nil || err2 != nil {
				t.Errorf("%s %s: ValueFor %v %v %v, book %v %v %v", code, key, v1, ok1, err1, v2, ok2, err2)
			}
			r1, _ := f.svc.Check(ctx, code, key, 2025, 75)
			if r2, err := book.Check(code, key, 75); err != nil || !sameResult(r1, r2) {
				t.Errorf("%s %s: Check %+v, book %+v %v", code, key, r1, r2, err)
			}
		}
	}
	if _, _, err := book.ValueFor("330304", hours); err == nil {
		t.Error("a region the book was not made for should be an error, not a missing rule")
	}
	if _, _, err := book.ValueFor(countyA, "no.such.rule"); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("unknown rule: %v", err)
	}
	if _, err := f.svc.RuleBook(ctx, []string{"999999"}, 2025); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("unknown region: %v", err)
	}
}

// BenchmarkValueFor is one rule looked up as a page does, through the
// cache (a read of policy_version and a map).
func BenchmarkValueFor(b *testing.B) {
	f := &fixture{World: testutil.NewWorld(b)}
	f.svc = &Service{DB: f.DB}
	if err := f.svc.ApplyPreset(ctx, f.CityAdmin, city, "wenzhou_2024_26", 2025); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := f.svc.ValueFor(ctx, countyA, hours, 2025); err != nil {
			b.Fatal(err)
		}
	}
}
