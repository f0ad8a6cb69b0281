# make test: everything the test suite needs (Node packages from the lockfile), then every test.
NODE_DIR := tests/node
CORPUS_DIR := tests/corpus

.PHONY: test check node-deps corpus-deps vectors bench

test: node-deps corpus-deps
	go test -count=1 ./...
	go test -count=1 -race ./convex ./betterauth ./authtest

node-deps: $(NODE_DIR)/node_modules/.package-lock.json

$(NODE_DIR)/node_modules/.package-lock.json: $(NODE_DIR)/package-lock.json
	cd $(NODE_DIR) && npm ci --no-audit --no-fund

# corpus-deps: the npm packages the real apps in tests/corpus import (install
# scripts off, see tests/corpus/README.md).
corpus-deps: $(CORPUS_DIR)/node_modules/.package-lock.json

$(CORPUS_DIR)/node_modules/.package-lock.json: $(CORPUS_DIR)/package-lock.json
	cd $(CORPUS_DIR) && npm ci --no-audit --no-fund

# check: formatting, vet, and the value vectors regenerated from the real convex package.
check: node-deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	go vet ./...
	node $(NODE_DIR)/vectors.mjs > convex/testdata/vectors.json
	git diff --exit-code -- convex/testdata/vectors.json
	go run ./cmd/authgen check -f examples/ssr/authgen.yaml
	cd bench && go vet ./... && go test -count=1 ./...

# bench: every benchmark side by side (about 3-6 minutes on 2 cores); rewrites BENCHMARKS.md.
bench: node-deps
	cd bench && go run .
