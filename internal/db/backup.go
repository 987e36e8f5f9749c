package db

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Backup writes a consistent copy of a live SQLite database to out with
// VACUUM INTO, which reads one snapshot while writers go on. out must not
// exist yet.
func (d *DB) Backup(ctx context.Context, out string) error {
	if d.Dialect != SQLite {
		return fmt.Errorf("backup 仅用于 SQLite；PostgreSQL 请使用 pg_dump")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("备份文件 %s 已存在，请换一个文件名", out)
	}
	// A connection of its own: the reader pool is query_only, and the writer
	// must stay free for the transactions that go on during the backup.
	conn, err := sql.Open("sqlite", "file:"+d.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err = conn.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		return fmt.Errorf("备份失败: %w", err)
	}
	return nil
}

// LiveInstance describes a serve process that recently reported in.
type LiveInstance struct {
	ID, Host string
	PID      int
	SeenAt   time.Time
}

// LiveWithin returns the serve processes whose heartbeat is newer than
// maxAge: while one is listed, the database is live.
func (d *DB) LiveWithin(ctx context.Context, maxAge time.Duration) ([]LiveInstance, error) {
	rows, err := d.ro.QueryContext(ctx, Rebind(d.Dialect,
		"SELECT id, host, pid, seen_at FROM instances WHERE seen_at > ? ORDER BY seen_at DESC"),
		time.Now().Add(-maxAge).UnixMilli())
	if err != nil {
		if strings.Contains(err.Error(), "instances") {
			return nil, nil // not migrated yet: nothing can be serving it
		}
		return nil, err
	}
	defer rows.Close()
	var out []LiveInstance
	for rows.Next() {
		var li LiveInstance
		var seen int64
		if err := rows.Scan(&li.ID, &li.Host, &li.PID, &seen); err != nil {
			return nil, err
		}
		li.SeenAt = time.UnixMilli(seen)
		out = append(out, li)
	}
	return out, rows.Err()
}

// Heartbeat records that serve process id is alive; it is called at start
// and every HeartbeatEvery, and Retire removes the row at shutdown.
func (d *DB) Heartbeat(ctx context.Context, id, host string, pid int) error {
	now := time.Now().UnixMilli()
	return d.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO instances (id, pid, host, started_at, seen_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`, id, pid, host, now, now)
		return err
	})
}

// Retire removes a serve process's heartbeat row.
func (d *DB) Retire(ctx context.Context, id string) error {
	return d.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "DELETE FROM instances WHERE id = ?", id)
		return err
	})
}

// HeartbeatEvery is how often serve reports in; a database with a heartbeat
// younger than three of these is treated as live.
const HeartbeatEvery = 20 * time.Second

// Restore replaces the SQLite database at target with the backup at in.
// The backup must pass integrity_check and carry a schema version. Unless
// force is set, Restore refuses while a serve process is using target. The
// replaced file is kept as target + ".before-restore-<time>".
func Restore(ctx context.Context, in, target string, force bool) error {
	if err := checkBackup(ctx, in); err != nil {
		return err
	}
	if _, err := os.Stat(target); err == nil {
		if err := refuseLive(ctx, target, force); err != nil {
			return err
		}
		keep := target + ".before-restore-" + time.Now().Format("20060102-150405")
		if err := os.Rename(target, keep); err != nil {
			return err
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(target + suffix)
	}
	return copyFile(in, target)
}

func checkBackup(ctx context.Context, in string) error {
	if _, err := os.Stat(in); err != nil {
		return fmt.Errorf("找不到备份文件 %s", in)
	}
	conn, err := sql.Open("sqlite", "file:"+in+"?mode=ro")
	if err != nil {
		return err
	}
	defer conn.Close()
	var res string
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		return fmt.Errorf("备份文件 %s 已损坏或不是 SQLite 数据库（%v %s）", in, err, res)
	}
	var v int
	if err := conn.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v); err != nil {
		return fmt.Errorf("备份文件 %s 不是 jiaoyan 数据库", in)
	}
	return nil
}

func refuseLive(ctx context.Context, target string, force bool) error {
	d, err := openSQLite(ctx, target)
	if err != nil {
		return err
	}
	live, err := d.LiveWithin(ctx, 3*HeartbeatEvery)
	d.Close()
	if err != nil || len(live) == 0 || force {
		return err
	}
	li := live[0]
	return fmt.Errorf("数据库 %s 正在被 jiaoyan serve 使用（主机 %s 进程 %d，%s 前仍在运行）；请先停止服务，或加 --force 强制恢复",
		target, li.Host, li.PID, time.Since(li.SeenAt).Round(time.Second))
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
