# make test: installs what the test suite needs (make deps), then runs every test.
NODE_DIR := tests/node
CORPUS_DIR := tests/corpus

# Programs the tests run, as program:debian-package (a command name or an
# absolute path). `make deps` installs the missing ones with apt-get (through
# sudo when not root); add a line here when a test needs another program.
SYSTEM_DEPS := \
	/usr/bin/chromium:chromium \
	redis-server:redis-server

# Pinned so `make check` reports the same findings on every machine.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: test check deps system-deps node-deps corpus-deps vectors bench test-latest

test: deps
	go test -count=1 ./...
	go test -count=1 -race ./convex/... ./betterauth/... ./authtest

# deps: everything the tests need that Go does not fetch itself.
deps: system-deps node-deps corpus-deps

system-deps:
	@bash .ci/system-deps $(SYSTEM_DEPS)

node-deps: $(NODE_DIR)/node_modules/.package-lock.json

$(NODE_DIR)/node_modules/.package-lock.json: $(NODE_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make deps: the tests need Node.js 20+ with npm on PATH (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
	cd $(NODE_DIR) && npm ci --no-audit --no-fund

# corpus-deps: the npm packages the real apps in tests/corpus import (install
# scripts off, see tests/corpus/README.md).
corpus-deps: $(CORPUS_DIR)/node_modules/.package-lock.json

$(CORPUS_DIR)/node_modules/.package-lock.json: $(CORPUS_DIR)/package-lock.json
	cd $(CORPUS_DIR) && npm ci --no-audit --no-fund

# check: formatting, a tidy go.mod, vet, staticcheck, and the value vectors
# regenerated from the real convex package.
check: node-deps corpus-deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	go mod tidy -diff
	go vet ./...
	go run $(STATICCHECK) ./...
	node $(NODE_DIR)/vectors.mjs > convex/testdata/vectors.json
	git diff --exit-code -- convex/testdata/vectors.json
	go test -count=1 ./tests/interop -run TestSyncTranscripts -update-transcripts
	git diff --exit-code -- tests/interop/testdata/sync
	go run ./cmd/authgen check -f examples/ssr/authgen.yaml
	cd bench && go vet ./... && go test -count=1 ./...
	cd adapters && go vet ./... && go test -count=1 ./...

# bench: every benchmark side by side (about 3-6 minutes on 2 cores); rewrites BENCHMARKS.md.
bench: node-deps corpus-deps
	cd bench && go run .

# test-latest: the drift alarm (not in .ci/run). Installs the newest releases within
# @convex-dev/better-auth's peer range in a scratch dir, prints their versions and runs the
# interop and conformance suites and the value vectors against them.
test-latest:
	bash $(NODE_DIR)/test-latest.sh
