// Command quality runs the analysis CLI on its own (the same RunCLI that
// `jiaoyan quality` calls), for benchmarking and for development:
//
//	go build -o /tmp/quality ./internal/quality/analysis/cmd/quality
//	/tmp/quality analyze --items items.csv --scores scores.csv --out report.json
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"jiaoyan/internal/app"
	"jiaoyan/internal/quality/analysis"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := analysis.RunCLI(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, app.ErrorMessage(err))
		os.Exit(1)
	}
}
