package demo

import (
	"context"
	"io"
	"strings"
	"testing"

	"jiaoyan/internal/app"
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
	city := signIn("demo.city")
	list, _, err := svc.FindCampaigns(ctx, city, 50, 0)
	if err != nil || len(list) != 3 {
		t.Fatalf("campaigns = %d, %v", len(list), err)
	}
	status := map[string]string{}
	for _, c := range list {
		status[c.Kind] = c.Status
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
	if status[review.KindProjectApply] != review.StatusFinal || status[review.KindAward] != review.StatusReviewing || status[review.KindContest] != review.StatusOpen {
		t.Fatalf("statuses = %v", status)
	}
}
