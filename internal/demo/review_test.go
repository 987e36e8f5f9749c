package demo

import (
	"context"
	"io"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/review"
	"jiaoyan/internal/testutil"
)

// TestDemoReviewWork checks the small demo's review work as its users
// would: demo.expert signs in to blind tasks waiting, the 课题 call has its
// final list with certificates that check, and the 比拼 round is open.
func TestDemoReviewWork(t *testing.T) {
	env := testutil.NewEnv(t)
	sum, err := Generate(context.Background(), Target{Org: env.Org, Auth: env.Auth}, Small, 1, io.Discard)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	ctx := context.Background()
	svc := &review.Service{DB: env.DB}
	signIn := func(name string) app.Actor {
		for _, a := range sum.Accounts {
			if a.Username == name {
				token, err := env.Auth.Login(ctx, name, a.Password, "127.0.0.1", "test")
				if err != nil {
					t.Fatal(err)
				}
				_, actor, err := env.Auth.Authenticate(ctx, token, "127.0.0.1", "test")
				if err != nil {
					t.Fatal(err)
				}
				return actor
			}
		}
		t.Fatalf("no account %s", name)
		return app.Actor{}
	}
	me := signIn("demo.expert")
	tasks, err := svc.MyTasks(ctx, me)
	open := 0
	for _, task := range tasks {
		if task.Status == review.AsDone {
			continue
		}
		open++
		if !strings.Contains(task.Campaign, "评比") || task.Status != review.AsInvited || !task.Blind || task.Submission.Author != "" {
			t.Fatalf("task = %+v", task)
		}
	}
	if err != nil || open == 0 {
		t.Fatalf("demo.expert has %d open tasks of %d, %v", open, len(tasks), err)
	}
	// demo.outside, a university expert with no person record, has tasks too.
	outside := signIn("demo.outside")
	if outside.PersonID != 0 || outside.OrgID != 0 {
		t.Fatalf("demo.outside is bound to a person or organisation: %+v", outside)
	}
	if tasks, err := svc.MyTasks(ctx, outside); err != nil || len(tasks) == 0 {
		t.Fatalf("demo.outside has %d tasks, %v", len(tasks), err)
	}
	city := signIn("demo.city")
	list, _, err := svc.FindCampaigns(ctx, city, 50, 0)
	if err != nil || len(list) < 5 {
		t.Fatalf("campaigns = %d, %v", len(list), err)
	}
	status := map[string]string{}
	rounds := map[int64]int{}
	for _, c := range list {
		if c.RoundID != 0 {
			rounds[c.RoundID]++
		}
		if c.Kind != review.KindContest {
			status[c.Kind] = c.Status
		}
		if c.Kind == review.KindProjectApply {
			certs, err := svc.CertificatesOf(ctx, city, c.ID)
			if err != nil || len(certs) == 0 {
				t.Fatalf("课题 certificates: %d, %v", len(certs), err)
			}
			if got, err := svc.CheckCertificate(ctx, certs[0].Serial); err != nil || got.Holder == "" {
				t.Fatalf("check: %+v %v", got, err)
			}
		}
	}
	if status[review.KindProjectApply] != review.StatusFinal || status[review.KindAward] != review.StatusReviewing {
		t.Fatalf("statuses = %v", status)
	}
	// last 学年's 比拼 round: three phases, every school with a combined score.
	svc.Policy = &policy.Service{DB: env.DB}
	ranked := false
	for id, n := range rounds {
		if n != 3 {
			t.Fatalf("round %d has %d phases", id, n)
		}
		st, err := svc.RoundStanding(ctx, city, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Pending) == 0 && len(st.Rows) > 0 && st.Rows[0].Rank == 1 && st.Rows[0].Combined != nil && st.Round.StageName == "中学" {
			ranked = true
		}
	}
	if !ranked {
		t.Fatalf("no 比拼 round with a full standing among %v", rounds)
	}
	// and it was taken through 公示 to its final list; this 学年's, when
	// there is one, is open.
	items, n, err := svc.FindRounds(ctx, city, review.RoundFilter{})
	if err != nil || n != len(rounds) || items[len(items)-1].State() != "已完成" ||
		(len(items) > 1 && items[0].State() == "已完成") {
		t.Fatalf("rounds listed %d of %d (%v): %+v", len(items), len(rounds), err, items)
	}
	for _, c := range items[len(items)-1].Phases {
		if c.Status != review.StatusFinal {
			t.Errorf("last 学年's %s is %s, want 已确定名单", c.Title, review.StatusNames[c.Status])
		}
	}
	// the 课题 were 立项: a leader's record lists them.
	projects, _, err := svc.FindProjects(ctx, city, review.ProjectFilter{})
	if err != nil || len(projects) == 0 {
		t.Fatalf("projects %d, %v", len(projects), err)
	}
	if mine, n, err := svc.PersonProjects(ctx, city, projects[0].LeaderID); err != nil || n == 0 || !mine[0].Leads {
		t.Fatalf("the leader's projects: %+v %d %v", mine, n, err)
	}
}
