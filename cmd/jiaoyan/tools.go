package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
)

var urlParse = url.Parse

func cmdMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, err := parse("migrate", args, nil)
	if err != nil {
		return err
	}
	svc, err := open(ctx, cfg, true, stdout)
	if err != nil {
		return err
	}
	defer svc.db.Close()
	v, err := svc.db.SchemaVersion(ctx)
	fmt.Fprintf(stdout, "数据库结构已是最新版本 %d\n", v)
	return err
}
