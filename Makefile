# scimharness: conformance and mock test harness for Okta SCIM 2.0 provisioning.
GO       ?= go
REPORTS  ?= scim-reports
IMAGE    ?= scimharness:latest
FUZZTIME ?= 5s

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

.PHONY: run
run: ## run the whole suite against the embedded reference server; reports in $(REPORTS)/
	$(GO) run ./cmd/scimharness run --reports $(REPORTS)

.PHONY: test
test: fmt-check vet ## gofmt, go vet, every test under -race, then short fuzz runs
	$(GO) test -race -count=1 ./...
	$(MAKE) --no-print-directory fuzz

.PHONY: fmt-check
fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

.PHONY: vet
vet:
	$(GO) vet ./...

.PHONY: fuzz
fuzz: ## run every fuzz target for $(FUZZTIME) each
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -hoE '^func (Fuzz[A-Za-z0-9_]+)' $$dir/*_test.go 2>/dev/null | awk '{print $$2}'); do \
	    echo "fuzz $$pkg $$f ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg >/dev/null || { $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; exit 1; }; \
	  done; \
	done

.PHONY: bench
bench: ## Go benchmarks of the server and the harness as one table, then timed load waves
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./... | $(GO) run ./internal/benchtable
	@echo; echo "== load: 10,000 users, 100 groups of 500, against the embedded reference server"
	$(GO) run ./cmd/scimharness load --users 10000 --groups 100 --members 500
	@echo; echo "== load: 100,000 users and one group of 50,000 (its PATCH trend, and the audit's import of 90,000 users)"
	$(GO) run ./cmd/scimharness load --users 100000 --groups 1 --members 50000

.PHONY: bench-harness
bench-harness: ## wrk, then scimharness load, against a trivial JSON handler in one run: the harness's own cost
	@command -v wrk >/dev/null || { echo "bench-harness needs wrk (apt-get install wrk)"; exit 2; }
	@mkdir -p bin && $(GO) build -o bin/trivialserver ./internal/trivialserver && $(GO) build -o bin/scimharness ./cmd/scimharness
	@set -e; bin/trivialserver 127.0.0.1:18099 >/dev/null & pid=$$!; trap 'kill $$pid' EXIT; sleep 0.5; \
	for round in 1 2 3; do \
	  w=$$(wrk -t2 -c8 -d5s http://127.0.0.1:18099/scim/v2/Users | awk '/Requests\/sec/ {printf "%d", $$2}'); \
	  l=$$(bin/scimharness load --target http://127.0.0.1:18099/scim/v2 --token x --users 20000 --groups 0 --members 0 2>/dev/null \
	       | sed -n 's/.*(\([0-9]*\) req\/s).*/\1/p' | head -1); \
	  echo "round $$round: wrk -t2 -c8 $$w req/s, scimharness load $$l req/s: $$((100 * l / w))% of wrk"; \
	done

.PHONY: build
build: ## a static binary in bin/
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/scimharness ./cmd/scimharness

.PHONY: image
image: build ## the reference server as a FROM scratch image, tagged $(IMAGE)
	docker build -t $(IMAGE) .

.PHONY: serve
serve: ## the reference server on 127.0.0.1:8080 (tokens: SCIMTOKEN, ADMINTOKEN)
	$(GO) run ./cmd/scimharness serve --addr 127.0.0.1:8080 --token SCIMTOKEN --admin-token ADMINTOKEN
