package training

import (
	"context"
	"fmt"
	"sync"

	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// A scope's standing is computed once per process for each scope and
// filter and reused while credit_version and policy_version have not
// moved. Triggers (migration 0050) raise credit_version in the writing
// transaction on every write of what a standing reads — the summaries the
// ledger writes keep, the credit rules, people (added, moved, renamed,
// made inactive), organisations and the category names — and policy_version
// moves with the cycle and minimum rules, so every process sharing the
// database sees a write at its next read. While one request computes a
// standing, others asking for the same one at the same versions wait for
// it instead of computing it again.

// standingKeep bounds the standings one Service keeps between clearings,
// so rare scopes and past years do not pile up.
const standingKeep = 64

type standingKey struct {
	scope string // the scope condition and its arguments
	f     StandingFilter
}

type standingVersions struct{ credit, policy int64 }

type standingEntry struct {
	at   standingVersions
	done chan struct{} // closed when st and err are set
	st   ScopeStanding
	err  error
}

type standingCache struct {
	mu sync.Mutex
	m  map[standingKey]*standingEntry
}

// creditVersion reads the number every write a standing reads raises.
func creditVersion(ctx context.Context, tx *db.Tx) (standingVersions, error) {
	var v standingVersions
	if err := tx.QueryRow(ctx, "SELECT version FROM credit_version WHERE id = 1").Scan(&v.credit); err != nil {
		return v, err
	}
	var err error
	v.policy, err = policy.Version(ctx, tx)
	return v, err
}

// get returns the standing of key at versions at, computing it with
// compute when none is kept (or a kept one is older). The versions are
// read before computing, so an entry is never labelled newer than what it
// holds; the returned standing is shared and must not be changed.
func (c *standingCache) get(key standingKey, at standingVersions, compute func() (ScopeStanding, error)) (ScopeStanding, error) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= standingKeep {
		c.m = map[standingKey]*standingEntry{}
	}
	e := c.m[key]
	if e != nil && e.at == at {
		c.mu.Unlock()
		<-e.done
		return e.st, e.err
	}
	mine := &standingEntry{at: at, done: make(chan struct{})}
	if e == nil || older(e.at, at) {
		c.m[key] = mine
	}
	c.mu.Unlock()
	mine.st, mine.err = compute()
	close(mine.done)
	if mine.err != nil {
		c.mu.Lock()
		if c.m[key] == mine {
			delete(c.m, key)
		}
		c.mu.Unlock()
	}
	return mine.st, mine.err
}

func older(a, b standingVersions) bool { return a.credit <= b.credit && a.policy <= b.policy }

func scopeKey(scope string, args []any) string { return scope + fmt.Sprint(args...) }
