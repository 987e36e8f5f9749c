package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/web/site"
)

// cmdServe runs the web server until ctx ends (SIGTERM/SIGINT), then drains
// requests for up to 20 seconds. It reports in to the instances table so
// restore can tell the database is live.
func cmdServe(ctx context.Context, args []string, stderr io.Writer) error {
	cfg, err := parse("serve", args, nil)
	if err != nil {
		return err
	}
	svc, err := open(ctx, cfg, true, stderr)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	log := logger(stderr)
	if has, err := svc.auth.HasUsers(ctx); err == nil && !has {
		fmt.Fprintln(stderr, "提示：还没有任何账号。请先创建系统管理员：jiaoyan admin create --username admin --password '<至少8位，含大小写字母、数字、符号中的3类>'")
	}
	files, err := openFiles(ctx, cfg, svc.db)
	if err != nil {
		return err
	}
	jobStore, err := startJobs(ctx, svc, log)
	if err != nil {
		return err
	}
	// Listen before the site is built, so that a port chosen by the system
	// (":0") is the one the site's own absolute URLs name.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	cfg.Addr = ln.Addr().String()
	h, err := site.New(site.Deps{DB: svc.db, Auth: svc.auth, Org: svc.org, Audit: svc.audit, Policy: svc.policy,
		Dict: svc.dict, Files: files, Jobs: jobStore, Config: cfg, Log: log, Health: func(r *http.Request) (int, error) {
			if err := svc.db.Ping(r.Context()); err != nil {
				return 0, err
			}
			return svc.db.SchemaVersion(r.Context())
		}})
	if err != nil {
		return err
	}
	stopBeat := heartbeat(ctx, svc.db, log.Error)
	defer stopBeat()
	defer svc.audit.StartCheckpoints(ctx, cfg.Security.AuditCheckpointEvery)()
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 1 << 20}
	fmt.Fprintf(stderr, "jiaoyan %s 已启动：http://%s （数据库 %s）\n", version, ln.Addr(), redact(cfg.DB))
	if w := plainHTTPWarning(ln.Addr(), cfg); w != "" {
		fmt.Fprintln(stderr, w)
		log.Warn("plain HTTP beyond loopback", "addr", ln.Addr().String())
	}
	if w := publicURLWarning(ln.Addr(), cfg); w != "" {
		fmt.Fprintln(stderr, w)
		log.Warn("JIAOYAN_PUBLIC_URL not set", "addr", ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "正在停止服务……")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func heartbeat(ctx context.Context, d *db.DB, logErr func(string, ...any)) func() {
	host, _ := os.Hostname()
	id := fmt.Sprintf("%s-%d-%d", host, os.Getpid(), time.Now().UnixNano())
	beat := func() {
		if err := d.Heartbeat(context.Background(), id, host, os.Getpid()); err != nil {
			logErr("heartbeat", "err", err)
		}
	}
	beat()
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(db.HeartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				beat()
			case <-done:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() { close(done); d.Retire(context.Background(), id) }
}

// redact hides a PostgreSQL password in logs.
func redact(dsn string) string {
	if u, err := urlParse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			return u.Redacted()
		}
	}
	return dsn
}
