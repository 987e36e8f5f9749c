package db

import (
	"database/sql"
	"runtime"
	"time"
)

// Pool budgets, sized from the cores Go may use (runtime.GOMAXPROCS, which is
// runtime.NumCPU unless limited by a container or GOMAXPROCS):
//
//   - SQLite writer: exactly 1 connection. SQLite allows one writer at a
//     time; write transactions queue on this connection (BEGIN IMMEDIATE).
//   - SQLite readers: 2 × cores, at least 4. modernc.org/sqlite runs its
//     queries on Go threads, so readers beyond twice the cores only add
//     memory (each keeps its own page cache, up to about 2 MiB) and wait
//     for a core.
//   - PostgreSQL: 4 × cores, at least 8 and at most 32, per serve process.
//     The work of a PostgreSQL connection is mostly waiting on the server,
//     so a process keeps more connections than cores; the cap keeps
//     several processes (e.g. 3 × 32 = 96) under PostgreSQL's default
//     max_connections of 100. With N processes, set max_connections to at
//     least N × the figure plus a few for psql and backups.
//
// Every pool keeps its idle connections (MaxIdleConns = MaxOpenConns):
// database/sql's default of 2 idle would close and reopen connections on
// every burst, and a fresh connection costs a TLS/auth round trip on
// PostgreSQL and a cold page cache on SQLite. A request that finds the pool
// busy waits for a connection; it is never refused.
//
// Each pool also keeps up to stmtCacheMax (512) distinct queries prepared,
// on each connection that has run them (stmtcache.go): on SQLite a page no
// longer parses its SQL on every request, and on PostgreSQL a query costs
// one named statement per connection instead of a prepare and a close per
// transaction.

// SQLiteReaders is the size of the SQLite reader pool for cores cores.
func SQLiteReaders(cores int) int { return max(4, 2*cores) }

// PostgresConns is the size of one process's PostgreSQL pool for cores cores.
func PostgresConns(cores int) int { return min(32, max(8, 4*cores)) }

// cores is how many goroutines Go runs at once on this machine.
func cores() int { return runtime.GOMAXPROCS(0) }

// sizePool sets a pool to n open connections, all kept when idle, and
// recycles PostgreSQL connections after an hour so that a server-side
// restart or failover is picked up.
func sizePool(p *sql.DB, n int, lifetime time.Duration) {
	p.SetMaxOpenConns(n)
	p.SetMaxIdleConns(n)
	p.SetConnMaxLifetime(lifetime)
}

// PoolSizes reports the open-connection limits of d's writer and reader
// pools (the same pool twice on PostgreSQL).
func (d *DB) PoolSizes() (writer, readers int) {
	return d.rw.Stats().MaxOpenConnections, d.ro.Stats().MaxOpenConnections
}
