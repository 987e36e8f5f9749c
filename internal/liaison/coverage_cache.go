package liaison

import (
	"context"
	"sync"
	"sync/atomic"

	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// coverageCache holds, per database, scope, region, window and day, the
// coverage table and the versions it was computed at (as report's
// dashboard cache does).
var coverageCache sync.Map

// maxCoverageKept bounds the stores between two clearings of
// coverageCache, so keys of past days and rare scopes do not pile up.
const maxCoverageKept = 256

var coverageKeptSince atomic.Int64

func keepCoverage(key coverageKey, c cachedCoverage) {
	if coverageKeptSince.Add(1) > maxCoverageKept {
		coverageKeptSince.Store(0)
		coverageCache.Clear()
	}
	coverageCache.Store(key, c)
}

type coverageKey struct {
	db     *db.DB
	scope  string // the actor's scope and person: which regions it may open
	region string
	from   int    // the window asked for (0: ending with the current 学年)
	day    string // the current 学年 follows today
}

// coverageVersions are the numbers the coverage table's inputs raise:
// report_version (visits, orgs, regions, stations, station plans, the
// calendar; migrations 0035 and 0059) and policy_version (the coverage
// window rule).
type coverageVersions struct{ report, policy int64 }

type cachedCoverage struct {
	at coverageVersions
	c  Coverage
}

// readCoverageVersions reads both numbers before the table is computed, so
// an entry is never labelled newer than the figures it holds.
func readCoverageVersions(ctx context.Context, d *db.DB) (coverageVersions, error) {
	var v coverageVersions
	err := d.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT version FROM report_version WHERE id = 1").Scan(&v.report); err != nil {
			return err
		}
		var err error
		v.policy, err = policy.Version(ctx, tx)
		return err
	})
	return v, err
}
