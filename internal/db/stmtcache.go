package db

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCacheMax is how many distinct queries a pool keeps prepared. Pages
// run a few hundred distinct queries; the rest (IN lists of every length,
// one-off maintenance) are prepared per transaction as before.
const stmtCacheMax = 512

// stmtCache keeps the queries a pool has run prepared across transactions,
// so a page does not parse and plan the same SQL on every request (on
// SQLite the parse was a quarter of a page's CPU; on PostgreSQL each
// prepare and close is a round trip). A transaction uses a kept statement
// through Tx.StmtContext, which database/sql prepares once per connection
// and then reuses. A query seen for the first time is prepared in its
// transaction as before, and kept only after that transaction has ended, so
// the pool's one SQLite writer connection is never asked for twice.
type stmtCache struct {
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

func newStmtCache() *stmtCache { return &stmtCache{stmts: map[string]*sql.Stmt{}} }

// lookup is the kept statement of q (already rebound), or nil.
func (c *stmtCache) lookup(q string) *sql.Stmt {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stmts[q]
}

// keep prepares each of qs on pool and keeps it, while there is room. A
// query that fails to prepare outside its transaction is not kept.
func (c *stmtCache) keep(ctx context.Context, pool *sql.DB, qs []string) {
	for _, q := range qs {
		c.mu.RLock()
		_, have := c.stmts[q]
		full := len(c.stmts) >= stmtCacheMax
		c.mu.RUnlock()
		if have || full {
			continue
		}
		st, err := pool.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, have := c.stmts[q]; have || len(c.stmts) >= stmtCacheMax {
			c.mu.Unlock()
			st.Close()
			continue
		}
		c.stmts[q] = st
		c.mu.Unlock()
	}
}

// size is how many statements are kept.
func (c *stmtCache) size() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.stmts)
}

// close closes every kept statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// lookupOrNil is lookup on a cache that may be nil.
func (c *stmtCache) lookupOrNil(q string) *sql.Stmt {
	if c == nil {
		return nil
	}
	return c.lookup(q)
}

// forgetStatements closes every kept statement, after a schema change.
func (d *DB) forgetStatements() {
	for _, c := range []*stmtCache{d.rwStmts, d.roStmts} {
		if c != nil {
			c.close()
		}
	}
}
