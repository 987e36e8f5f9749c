package demo

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/testutil"
)

// generated runs the small demo once into a fresh test database.
func generated(t *testing.T, seed int64) (*testutil.Env, Summary) {
	t.Helper()
	env := testutil.NewEnv(t)
	sum, err := Generate(context.Background(), Target{Org: env.Org, Auth: env.Auth}, Small, seed, io.Discard)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return env, sum
}

func allPeople(t *testing.T, env *testutil.Env, actor app.Actor) []org.Person {
	t.Helper()
	ps, _, err := env.Org.FindPeople(context.Background(), actor, org.PersonFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestSmallRegionIsRealistic(t *testing.T) {
	env, sum := generated(t, 1)
	ctx := context.Background()
	if sum.Cities != 1 || sum.Counties != 3 || sum.MountainCounties != 1 {
		t.Errorf("cities %d counties %d mountain %d; want 1, 3, 1", sum.Cities, sum.Counties, sum.MountainCounties)
	}
	inRange(t, "schools", sum.Schools, 25, 40)
	inRange(t, "teachers", sum.Teachers, 400, 800)
	inRange(t, "researchers", sum.FullTime+sum.PartTime, 22, 45)
	inRange(t, "groups", sum.Groups, 40, 400)
	inRange(t, "studios", sum.Studios, 6, 12)
	if len(sum.Accounts) != 16 { // 15 with a person or a 三员 role, and demo.outside
		t.Errorf("%d sample accounts, want 16", len(sum.Accounts))
	}
	orgs, total, err := env.Org.FindOrgs(ctx, builder, org.OrgFilter{SchoolOnly: true, Limit: 1000})
	if err != nil || total != sum.Schools+sum.TeachingPoints {
		t.Fatalf("%d schools in the database (%v), summary says %d + %d", total, err, sum.Schools, sum.TeachingPoints)
	}
	checkSchoolMix(t, orgs)
	people := allPeople(t, env, builder)
	if len(people) != sum.People {
		t.Fatalf("%d people in the database, summary says %d", len(people), sum.People)
	}
	checkPeople(t, people)
}

func inRange(t *testing.T, what string, n, lo, hi int) {
	t.Helper()
	if n < lo || n > hi {
		t.Errorf("%s = %d, want %d..%d", what, n, lo, hi)
	}
}

func share(n, of int) float64 { return float64(n) / float64(max(of, 1)) }

func inShare(t *testing.T, what string, n, of int, lo, hi float64) {
	t.Helper()
	if s := share(n, of); s < lo || s > hi {
		t.Errorf("%s share = %.2f (%d of %d), want %.2f..%.2f", what, s, n, of, lo, hi)
	}
}

func checkSchoolMix(t *testing.T, orgs []org.Org) {
	var schools, primary, weak, rural, points, pointsOnRural int
	for _, o := range orgs {
		if o.Kind == org.KindTeachingPoint {
			points++
			if o.ParentID != 0 {
				pointsOnRural++
			}
			continue
		}
		schools++
		if len(o.Stages) == 1 && o.Stages[0] == "primary" {
			primary++
		}
		if o.Weak {
			weak++
		}
		if o.Locale == "rural" {
			rural++
		}
	}
	inShare(t, "primary schools", primary, schools, 0.4, 0.7)
	inShare(t, "weak schools", weak, schools, 0.04, 0.35)
	inShare(t, "rural schools", rural, schools, 0.1, 0.6)
	inShare(t, "teaching points", points, schools, 0.03, 0.2)
	if pointsOnRural != points {
		t.Errorf("%d of %d teaching points have no school", points-pointsOnRural, points)
	}
}

func checkPeople(t *testing.T, people []org.Person) {
	titles, tiers := map[string]int{}, map[string]int{}
	teachers := 0
	for _, p := range people {
		if msg := org.CheckIDNumber(p.IDNumber); msg != "" || !strings.HasPrefix(p.IDNumber, "33") {
			t.Fatalf("%s: ID number %s: %s", p.Name, p.IDNumber, msg)
		}
		if msg := org.CheckPhone(p.Phone); msg != "" {
			t.Fatalf("%s: phone %s: %s", p.Name, p.Phone, msg)
		}
		if p.Title == "" && p.Tier == "" {
			continue // bureau staff
		}
		teachers++
		titles[p.Title]++
		tiers[p.Tier]++
		age := baseYear - atoi(p.IDNumber[6:10])
		if age < 22 || age > 60 || baseYear-p.TeachingSince > age-21 {
			t.Fatalf("%s: age %d, teaching since %d", p.Name, age, p.TeachingSince)
		}
	}
	inShare(t, "一级教师", titles["first"], teachers, 0.35, 0.55)
	inShare(t, "高级教师", titles["senior"]+titles["principal"], teachers, 0.18, 0.38)
	inShare(t, "新任教师", tiers["new"], teachers, 0.04, 0.18)
	inShare(t, "合格教师", tiers["qualified"], teachers, 0.4, 0.65)
	inShare(t, "骨干教师", tiers["backbone"], teachers, 0.15, 0.35)
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

func TestSameSeedSameDatabase(t *testing.T) {
	a, _ := generated(t, 42)
	b, _ := generated(t, 42)
	c, _ := generated(t, 43)
	ha, hb, hc := dumpHash(t, a), dumpHash(t, b), dumpHash(t, c)
	if ha != hb {
		t.Errorf("seed 42 twice: checksums differ %s vs %s", ha, hb)
	}
	if ha == hc {
		t.Errorf("seeds 42 and 43 gave the same database")
	}
}

// dumpHash is a SHA-256 over a canonical dump of regions, organisations,
// people (with decrypted ID numbers), groups and studios.
func dumpHash(t *testing.T, env *testutil.Env) string {
	ctx := context.Background()
	h := sha256.New()
	regions, err := env.Org.FindRegions(ctx, builder)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regions {
		fmt.Fprintln(h, r.Code, r.Name, r.Level, r.ParentCode, r.Mountain)
	}
	orgs, _, err := env.Org.FindOrgs(ctx, builder, org.OrgFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		fmt.Fprintln(h, o.Name, o.Kind, o.RegionCode, o.ParentName, o.SchoolCode, o.Stages, o.Locale, o.Weak)
	}
	for _, p := range allPeople(t, env, builder) {
		fmt.Fprintln(h, p.Name, p.Gender, p.IDNumber, p.Phone, p.OrgName, p.Subjects, p.Stages, p.Title, p.Education,
			p.Tier, p.TeachingSince, p.ResearcherKind, p.ResearcherSubject, p.ResearcherStage, p.OfficeName, p.Expert)
	}
	dumpGroups(t, env, h)
	return fmt.Sprintf("%x", h.Sum(nil))
}

func dumpGroups(t *testing.T, env *testutil.Env, h hash.Hash) {
	ctx := context.Background()
	groups, _, err := env.Org.FindGroups(ctx, builder, org.GroupFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		full, err := env.Org.FindGroupByID(ctx, builder, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(h, g.OrgName, g.Name, g.Kind, g.Subject, g.Stage, g.LeaderName, g.FiledOn, full.Members)
	}
	studios, err := env.Org.FindStudios(ctx, builder)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range studios {
		fmt.Fprintln(h, s.Name, s.Level, s.OrgName, s.HostName, s.Subject, s.Stage, s.FoundedYear)
	}
}

func TestSampleAccountsSeeTheirOwnData(t *testing.T) {
	env, sum := generated(t, 3)
	ctx := context.Background()
	county := signIn(t, env, sum, "demo.county2")
	seen := allPeople(t, env, county)
	regions, _ := env.Org.FindRegions(ctx, builder)
	var mountain org.Region
	for _, r := range regions {
		if r.Mountain {
			mountain = r
		}
	}
	if mountain.Code == "" {
		t.Fatal("no 山区县 in the small region")
	}
	want, total, _ := env.Org.FindPeople(ctx, builder, org.PersonFilter{RegionCode: mountain.Code, Limit: 1 << 20})
	if len(seen) != total || len(seen) == 0 || len(seen) >= sum.People {
		t.Fatalf("county admin of %s sees %d people; the county has %d of %d", mountain.Name, len(seen), len(want), sum.People)
	}
	for _, p := range seen {
		if !strings.Contains(p.OrgPath, "/"+mountain.Code+"/") {
			t.Fatalf("county admin of %s sees %s of %s", mountain.Name, p.Name, p.OrgName)
		}
	}
	if ps := allPeople(t, env, signIn(t, env, sum, "demo.teacher1")); len(ps) != 1 {
		t.Errorf("a teacher sees %d people, want only themself", len(ps))
	}
}

func signIn(t *testing.T, env *testutil.Env, sum Summary, username string) app.Actor {
	t.Helper()
	ctx := context.Background()
	for _, a := range sum.Accounts {
		if a.Username != username {
			continue
		}
		token, err := env.Auth.Login(ctx, a.Username, a.Password, "127.0.0.1", "test")
		if err != nil {
			t.Fatalf("login %s: %v", username, err)
		}
		_, actor, err := env.Auth.Authenticate(ctx, token, "127.0.0.1", "test")
		if err != nil {
			t.Fatalf("authenticate %s: %v", username, err)
		}
		return actor
	}
	t.Fatalf("no sample account %s", username)
	return app.Actor{}
}

func TestRefusesADatabaseThatHasTheRegion(t *testing.T) {
	env, _ := generated(t, 1)
	_, err := Generate(context.Background(), Target{Org: env.Org, Auth: env.Auth}, Small, 2, io.Discard)
	if app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("second run: %v, want EINVALID", err)
	}
}

func TestDemoCityRunsOnSeedRules(t *testing.T) {
	e := testutil.NewEnv(t)
	ps := &policy.Service{DB: e.DB}
	sum, err := Generate(context.Background(), Target{Org: e.Org, Auth: e.Auth, Policy: ps}, Small, 3, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rules < 10 {
		t.Fatalf("only %d rules set", sum.Rules)
	}
	year := ps.CurrentSchoolYear()
	for key, want := range map[policy.RuleKey]float64{policy.RuleResearcherTrainingHoursPerYear: 72, policy.RuleResearcherSchoolDaysPerTerm: 20,
		policy.RuleLiaisonMaxSchoolsPerResearcher: 4, policy.RuleStationCoverageYears: 2} {
		v, ok, err := ps.ValueFor(context.Background(), "330302", key, year) // a county inherits its city's rules
		if err != nil || !ok || v != want {
			t.Errorf("%s = %v (%v, %v), want %v", key, v, ok, err, want)
		}
	}
}
