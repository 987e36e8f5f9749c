package report

import (
	"context"
	"sync"
	"sync/atomic"

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
	at dashboardVersions
	d  Dashboard
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
