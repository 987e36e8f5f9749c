# jiaoyan 教研平台 — the two commands a newcomer needs:
#   make run    build (front-end packages from npm + Go binary) and serve on SQLite
#   make test   go vet + every test (SQLite; PostgreSQL too when JIAOYAN_TEST_PG is set)

GO ?= go
ADDR ?= 127.0.0.1:8080
DB ?= sqlite:./jiaoyan.db
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: run build assets test test-pg vet clean

run: build
	./jiaoyan serve --addr $(ADDR) --db $(DB)

build: assets
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o jiaoyan ./cmd/jiaoyan

assets:
	bash scripts/assets.sh

vet:
	$(GO) vet ./...

# The browser tests build and start the real binary, which go test's result
# cache cannot see, so they always run afresh (-count=1).
test: assets vet
	$(GO) test $$($(GO) list ./... | grep -v /e2e$$)
	$(GO) test -count=1 ./e2e/

clean:
	rm -f jiaoyan
	rm -rf internal/web/static/vendor
