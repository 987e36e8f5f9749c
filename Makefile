# jiaoyan 教研平台 — the two commands a newcomer needs:
#   make run    build (front-end packages from npm + Go binary) and serve on SQLite
#   make test   go vet + every test (SQLite; PostgreSQL too when JIAOYAN_TEST_PG is set)

GO ?= go
# ADDR and DB override JIAOYAN_ADDR / JIAOYAN_DB only when given
# (make run ADDR=0.0.0.0:8080); otherwise serve reads the environment.
ADDR ?=
DB ?=
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: run build assets test test-pg vet clean

run: build
	./jiaoyan serve $(if $(ADDR),--addr $(ADDR)) $(if $(DB),--db $(DB))

build: assets
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o jiaoyan ./cmd/jiaoyan

assets:
	bash scripts/assets.sh

# go.mod must be tidy (direct requirements listed as such), then go vet.
vet:
	$(GO) mod tidy -diff
	$(GO) vet ./...

# The browser tests build and start the real binary, which go test's result
# cache cannot see, so they always run afresh (-count=1); scripts/e2e.sh says
# loudly when they were skipped (no chromium) and fails then under
# JIAOYAN_BROWSER=1.
test: assets vet
	$(GO) test $$($(GO) list ./... | grep -v /e2e$$)
	GO=$(GO) bash scripts/e2e.sh

clean:
	rm -f jiaoyan
	rm -rf internal/web/static/vendor
