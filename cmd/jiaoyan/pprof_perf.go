//go:build perfprof

package main

// Built only with -tags perfprof: a CPU/heap profiler on the address in
// JIAOYAN_PPROF (loopback), for measuring the serve process under load.
// Release builds do not carry it.

import (
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	addr := os.Getenv("JIAOYAN_PPROF")
	if addr == "" {
		return
	}
	go func() {
		if err := http.ListenAndServe(addr, nil); err != nil {
			slog.Error("pprof", "err", err)
		}
	}()
}
