package review_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"jiaoyan/internal/db"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/review"
)

var benchSubjects = []string{"语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "音乐", "美术", "体育"}
var benchStages = []string{"primary", "junior", "senior", "vocational"}

// bigCampaign fills a city campaign with nSub passed submissions from 300
// schools and a pool of nExp experts with accounts, written straight to
// the tables (the set-up is not what is measured).
func bigCampaign(b *testing.B, f *fixture, nSub, nExp int) int64 {
	rng := rand.New(rand.NewPCG(uint64(nSub), uint64(nExp)))
	c := f.campaign(b, review.Campaign{Reviewers: 3})
	var schools []int64
	for i := range 300 {
		region := []string{"330302", "330303"}[i%2]
		schools = append(schools, f.w.MustSchool(b, fmt.Sprintf("测试学校%03d", i), region, 100+i))
	}
	ctx := context.Background()
	err := f.w.DB.Write(ctx, func(tx *db.Tx) error {
		for j := range nExp {
			school := schools[rng.IntN(len(schools))]
			pid, err := tx.InsertID(ctx, "INSERT INTO people (name, org_id, created_at, updated_at) VALUES (?, ?, 0, 0) RETURNING id", fmt.Sprintf("专家%d", j), school)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO users (username, person_id, password_hash, password_changed_at, created_at) VALUES (?, ?, 'x', 0, 0)",
				fmt.Sprintf("bench_e%d", j), pid); err != nil {
				return err
			}
			subj := benchSubjects[rng.IntN(len(benchSubjects))]
			if rng.IntN(2) == 0 {
				subj += "," + benchSubjects[rng.IntN(len(benchSubjects))]
			}
			if _, err := tx.Exec(ctx, `INSERT INTO review_experts (person_id, name, org_id, county_code, pool_org_id, pool_path, subjects, stages,
				level, max_load, created_at, updated_at) SELECT ?, ?, o.id, o.region_code, ?, (SELECT path FROM orgs WHERE id = ?), ?, ?, ?, ?, 0, 0
				FROM orgs o WHERE o.id = ?`, pid, fmt.Sprintf("专家%d", j), f.city, f.city, subj,
				benchStages[rng.IntN(4)]+","+benchStages[rng.IntN(4)], map[bool]string{true: "senior", false: "normal"}[rng.IntN(4) == 0],
				12+rng.IntN(17), school); err != nil {
				return err
			}
		}
		for i := range nSub {
			school := schools[rng.IntN(len(schools))]
			pid, err := tx.InsertID(ctx, "INSERT INTO people (name, org_id, created_at, updated_at) VALUES (?, ?, 0, 0) RETURNING id", fmt.Sprintf("作者%d", i), school)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO review_submissions (campaign_id, author_id, org_id, org_path, county_code, title, subject, stage,
				content, status, created_at, updated_at) SELECT ?, ?, o.id, o.path, o.region_code, ?, ?, ?, 'x', 'passed', 0, 0 FROM orgs o WHERE o.id = ?`,
				c, pid, fmt.Sprintf("申报%d", i), benchSubjects[rng.IntN(len(benchSubjects))], benchStages[rng.IntN(4)], school); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkAssign3000x600 is the figure: 3,000 submissions, 600
// experts, 3 reviews each, assigned as a job through the service (read
// the campaign, solve with the plan engine, write 9,000 invitations and
// their 待办, check 回避 again).
func BenchmarkAssign3000x600(b *testing.B) {
	f := newFixture(b)
	c := bigCampaign(b, f, 3000, 600)
	store := &jobs.Store{DB: f.w.DB, Keys: f.w.Keys}
	f.svc.Jobs = store
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		id, work, err := f.svc.StartAssign(ctx, f.w.CityAdmin, c)
		if err != nil {
			b.Fatal(err)
		}
		store.Run(ctx, id, work)
		j, err := store.Get(ctx, f.w.CityAdmin, id)
		if err != nil || j.Status != jobs.Done {
			b.Fatalf("job %s: %s, %v", j.Status, j.Message, err)
		}
	}
	b.StopTimer()
	var n int
	_ = f.w.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Count(ctx, "SELECT COUNT(*) FROM review_assignments WHERE campaign_id = ?", c)
		return err
	})
	b.ReportMetric(float64(n), "invitations")
}

// BenchmarkReassign3000x600: after the first assignment, every tenth
// invitation is declined (900 of 9,000, written straight to the table)
// and 补派 re-solves every short submission at once, the kept reviewers
// fixed as stand-ins.
func BenchmarkReassign3000x600(b *testing.B) {
	f := newFixture(b)
	c := bigCampaign(b, f, 3000, 600)
	ctx := context.Background()
	if _, err := f.svc.Assign(ctx, f.w.CityAdmin, c, nil); err != nil {
		b.Fatal(err)
	}
	sent := 0
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := f.w.DB.Exec(ctx, `UPDATE review_assignments SET status = 'declined' WHERE campaign_id = ? AND status = 'invited'
			AND id % 10 = 0`, c); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := f.svc.Reassign(ctx, f.w.CityAdmin, c)
		if err != nil {
			b.Fatal(err)
		}
		sent += n
	}
	b.ReportMetric(float64(sent)/float64(b.N), "invitations/op")
}
