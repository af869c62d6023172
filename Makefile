# chanlab: `make serve` to use it, `make test` to check it, `make bench` to measure it.
# Everything runs from the repository root.

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
ADDR      ?= 127.0.0.1:8080
NPM       ?= npm
# axe-core, which the browser tests inject into the page; npm ci installs the
# version in the lock file.
AXE       := cmd/serve/testdata/node_modules/axe-core/axe.min.js
# The static export: where `make static` writes it, and the path it will be
# served under (STATIC_BASE=/chanlab for https://you.github.io/chanlab/).
STATIC_DIR  ?= bin/static
STATIC_BASE ?=

# The sources of both builds of cmd/serve; a change to any rebuilds what is stale.
# (app/app-worker.js is the service worker's template, embedded in the server.)
SOURCES := go.mod go.sum app/app-worker.js $(shell find app patterns cmd -name '*.go' -not -name '*_test.go')

.PHONY: all build serve static test test-unit test-wasm test-browser bench clean

all: build

## build: everything the server needs (web/app.wasm and web/runner.wasm, compressed, and bin/serve)
build: web/app.wasm.br web/runner.wasm.br bin/serve

# The UI.
web/app.wasm: $(SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./cmd/serve

# The run worker: the patterns and their instrumentation, no UI.
web/runner.wasm: $(SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./cmd/runner

# brotli -q11 and gzip -9 copies, served to browsers that accept them.
web/app.wasm.br web/runner.wasm.br &: web/app.wasm web/runner.wasm bin/serve
	bin/serve -precompress

bin/serve: $(SOURCES)
	$(GO) build -trimpath -o $@ ./cmd/serve

## serve: build what is stale, then serve on $(ADDR)
serve: build
	bin/serve -addr $(ADDR)

## static: a folder any static host can serve, in $(STATIC_DIR), for the path $(STATIC_BASE)
static: build
	@test -n "$(STATIC_DIR)" || { echo "STATIC_DIR is empty"; exit 2; }
	rm -rf "$(STATIC_DIR)"
	bin/serve -static "$(STATIC_DIR)" -base "$(STATIC_BASE)"

## test: every test: vet, native with -race, js/wasm under Node, then the browser
test: test-unit test-wasm test-browser

test-unit:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...
	$(GO) vet -tags browser ./cmd/serve
	$(GO) test -race ./...

# The patterns and their instrumentation, on one thread without preemption.
# One package at a time (-p 1): some tests time a goroutine's scheduling
# (the host's turn, a cancel seen), and two Node processes side by side on
# a 2-core machine delayed it past their limits.
test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -p 1 -timeout 5m -exec="$(WASM_EXEC)" ./patterns/...

# Headless Chromium against the real server on a loopback port, with axe-core
# (pinned in cmd/serve/testdata/package-lock.json) for the accessibility test.
# The timeout only catches a hung test: on a loaded 2-core machine the whole
# suite takes about 10 minutes.
test-browser: build $(AXE)
	$(GO) test -tags browser -count=1 -timeout 20m -run Browser -v ./cmd/serve

# npm gives the unpacked files their package's old mtimes: touch the target
# so that it is newer than the lock file and npm ci runs once.
$(AXE): cmd/serve/testdata/package.json cmd/serve/testdata/package-lock.json
	cd cmd/serve/testdata && $(NPM) ci --no-audit --no-fund
	touch $@

## bench: wasm sizes and pattern throughput, native vs js/wasm, as a table
bench: build
	@sh ./.ci/bench

clean:
	rm -rf bin web/*.wasm web/*.wasm.br web/*.wasm.gz cmd/serve/testdata/node_modules
