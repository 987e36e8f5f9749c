package report

import (
	"context"
	"log/slog"
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

// rebuilding holds the keys whose rebuild is under way in this process;
// rebuilds counts them, for tests that wait for the figures.
var (
	rebuilding sync.Map
	rebuilds   sync.WaitGroup
)

// rebuildTimeLimit bounds one background rebuild.
const rebuildTimeLimit = 5 * time.Minute

// rebuildDashboard recomputes the dashboard of key in the background,
// at most one rebuild per key at a time, after a rule change touched its
// rules in force. Requests meanwhile get the last figures marked
// Recomputing. actor is the one whose request found the change (the key
// holds its scope and person, so any of them computes the same figures).
func (s *Service) rebuildDashboard(key dashboardKey, at dashboardVersions, actor app.Actor, region string, term dict.Term) {
	if _, busy := rebuilding.LoadOrStore(key, true); busy {
		return
	}
	rebuilds.Go(func() {
		defer rebuilding.Delete(key)
		ctx, cancel := context.WithTimeout(context.Background(), rebuildTimeLimit)
		defer cancel()
		if _, err := s.computeDashboard(ctx, key, at, actor, region, term); err != nil {
			slog.Warn("dashboard rebuild", "region", region, "term", term.String(), "err", err)
		}
	})
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
