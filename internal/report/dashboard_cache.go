package report

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// dashboardCache holds, per database, scope, region, term and day, the
// dashboard and the versions it was computed at.
var dashboardCache sync.Map

// maxKept bounds the stores between two clearings of dashboardCache, so
// keys of past days and rare scopes do not pile up.
const maxKept = 512

var keptSince atomic.Int64

// keep stores c under key, first clearing the cache every maxKept stores.
func keep(key dashboardKey, c cachedDashboard) {
	if keptSince.Add(1) > maxKept {
		keptSince.Store(0)
		dashboardCache.Clear()
	}
	dashboardCache.Store(key, c)
}

type dashboardKey struct {
	db     *db.DB
	scope  string // the actor's scope and person: who sees which researchers
	region string
	term   dict.Term
	day    string // "最近一次" rows count years up to today
}

// dashboardVersions are the numbers the dashboard's inputs raise.
type dashboardVersions struct {
	report, policy int64
}

type cachedDashboard struct {
	at      dashboardVersions
	d       Dashboard
	regions []string // the regions whose rules the dashboard checked
	rules   string   // and policy.RuleBook.Fingerprint of those rules
}

// keepIfNewer keeps c unless the entry already kept is of later versions
// (a slow rebuild must not put back older figures than a request stored).
func keepIfNewer(key dashboardKey, c cachedDashboard) {
	if v, ok := dashboardCache.Load(key); ok {
		o := v.(cachedDashboard).at
		if o.report > c.at.report || (o.report == c.at.report && o.policy > c.at.policy) {
			return
		}
	}
	keep(key, c)
}

// rebuilding holds, per key whose rebuild is under way in this process,
// the kit job that runs it (0 when it runs without one); rebuilds counts
// them, for tests that wait for the figures.
var (
	rebuilding sync.Map
	rebuilds   sync.WaitGroup
)

// rebuildTimeLimit bounds one rebuild run without a job (a job has the
// jobs store's own time limit).
const rebuildTimeLimit = 5 * time.Minute

// Progress is what a rebuild reports as it goes (a kit job's tracker,
// jobs.Tracker, has this method).
type Progress interface {
	Report(done, total int, stage string)
}

// RebuildWork is a rebuild to run: it reports to p (nil: to no one) and
// returns the Chinese message and the result JSON for its job page.
type RebuildWork func(ctx context.Context, p Progress) (message, result string, err error)

// JobStarter starts work as a kit job for actor (internal/jobs, through
// web.RunJob) and returns the job's id, which the dashboard then links to.
type JobStarter func(ctx context.Context, actor app.Actor, work RebuildWork) (int64, error)

// KindRebuild is the job kind of a dashboard rebuild.
const KindRebuild = "report.dashboard"

// rebuildDashboard recomputes the dashboard of key after a rule change
// touched its rules in force, at most one rebuild per key at a time, and
// returns the job that runs it when actor started it (0: none, or another
// user's job, which actor may not open). With start it is a kit job with
// progress; without one, or when the job cannot be added, it runs in a
// goroutine. Requests meanwhile get the last figures marked Recomputing.
// actor is the one whose request found the change (the key holds its scope
// and person, so any of them computes the same figures).
func (s *Service) rebuildDashboard(ctx context.Context, key dashboardKey, at dashboardVersions, actor app.Actor, region string,
	term dict.Term, start JobStarter) int64 {
	if v, busy := rebuilding.LoadOrStore(key, rebuildJob{}); busy {
		return v.(rebuildJob).of(actor)
	}
	rebuilds.Add(1)
	ready := make(chan struct{}) // closed once rebuilding holds the job: only then may the work end and clear it
	work := func(ctx context.Context, p Progress) (string, string, error) {
		<-ready
		defer rebuilds.Done()
		defer rebuilding.Delete(key)
		d, err := s.computeDashboard(ctx, key, at, actor, region, term, p)
		if err != nil {
			slog.Warn("dashboard rebuild", "region", region, "term", term.String(), "err", err)
			return "", "", err
		}
		return fmt.Sprintf("工作量看板已按新规则重新计算：%s，专职教研员 %d 人", term, len(d.Quotas)), rebuildResult(region, term), nil
	}
	if start != nil {
		id, err := start(ctx, actor, work)
		if err == nil {
			rebuilding.Store(key, rebuildJob{id: id, by: actor.UserID})
			close(ready)
			return id
		}
		slog.Warn("dashboard rebuild job", "err", err)
	}
	close(ready)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), rebuildTimeLimit)
		defer cancel()
		_, _, _ = work(ctx, nil) // logged inside
	}()
	return 0
}

// rebuildJob is the kit job of a rebuild under way and the user who
// started it (jobs are private to who started them).
type rebuildJob struct{ id, by int64 }

// of is the job's id for actor: 0 unless actor started it.
func (j rebuildJob) of(actor app.Actor) int64 {
	if j.by != actor.UserID {
		return 0
	}
	return j.id
}

// rebuildResult is the job page's link back to the dashboard rebuilt.
func rebuildResult(region string, term dict.Term) string {
	q := url.Values{"year": {strconv.Itoa(term.Year)}, "half": {strconv.Itoa(int(term.Half))}}
	if region != "" {
		q.Set("region", region)
	}
	b, _ := json.Marshal(struct{ Back string }{"/liaison/dashboard?" + q.Encode()}) // errcheck: a string always marshals
	return string(b)
}

// versionsOf reads report_version and policy_version. They are read before
// the dashboard is computed, so an entry is never labelled newer than the
// figures it holds.
func versionsOf(ctx context.Context, tx *db.Tx) (dashboardVersions, error) {
	var v dashboardVersions
	if err := tx.QueryRow(ctx, "SELECT version FROM report_version WHERE id = 1").Scan(&v.report); err != nil {
		return v, err
	}
	var err error
	v.policy, err = policy.Version(ctx, tx)
	return v, err
}

// progress reports a rebuild's progress to its job, if it has one.
func progress(p Progress, done, total int, stage string) {
	if p != nil {
		p.Report(done, total, stage)
	}
}
