# scimharness: conformance and mock test harness for Okta SCIM 2.0 provisioning.
GO       ?= go
comma    := ,
REPORTS  ?= scim-reports
IMAGE    ?= scimharness:latest
FUZZTIME ?= 5s
# FUZZWORKERS, when set, is the number of fuzzing workers per target
# (-test.parallel); unset, go test's default of GOMAXPROCS.
FUZZWORKERS ?=
# How the binary is built. vet compiles the module the same way, so that the
# build after it (make test) reuses vet's compiled packages: on a cold build
# cache that is about 60 s of CPU less than two configurations. make test's
# helpers (testprogress, imagectx) are built so too.
BUILDENV   := CGO_ENABLED=0
BUILDFLAGS := -trimpath

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk -F':.*## ' -v reports='$(REPORTS)' -v image='$(IMAGE)' -v fuzztime='$(FUZZTIME)' \
	    '{ d = $$2; gsub(/\$$\(REPORTS\)/, reports, d); gsub(/\$$\(IMAGE\)/, image, d); gsub(/\$$\(FUZZTIME\)/, fuzztime, d); \
	       name[NR] = $$1; desc[NR] = d; if (length($$1) > w) w = length($$1) } \
	     END { for (i = 1; i <= NR; i++) printf "  %-" w "s  %s\n", name[i], desc[i] }'

.PHONY: run
run: build ## build bin/scimharness, then run the whole suite against the embedded reference server; reports in $(REPORTS)/
	bin/scimharness run --reports $(REPORTS)

.PHONY: test
test: fmt-check vet build ## gofmt, go vet, every test under -race, every fuzz corpus included (progress per package, skips with their reasons)
	@# The two helpers are built as the binary is: in go's default
	@# configuration they compiled the standard library a third time (about
	@# 50 s of CPU on a cold cache, against 2 s).
	@$(BUILDENV) $(GO) build $(BUILDFLAGS) -o bin/testprogress ./internal/testprogress
	@# go test's own vet (a few of vet's analyzers, in the race build's
	@# configuration) is off: make vet, just before, ran every analyzer over the
	@# same packages and their tests (about 35 s of CPU on a cold cache).
	@# The reference image is built once here and shared by the container tests
	@# (internal/refimage); a test run alone builds its own.
	@set -e; image=""; \
	if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then \
	  image=scimharness-test:make-$$$$; echo "docker build -t $$image (the image, for the container tests)"; \
	  $(BUILDENV) $(GO) run $(BUILDFLAGS) ./internal/imagectx/cmd bin/image bin/scimharness Dockerfile; \
	  out=$$(docker build -q -t $$image bin/image 2>&1) || { echo "$$out"; exit 1; }; trap 'docker rmi -f '$$image' >/dev/null' EXIT; \
	fi; \
	echo "go test -json -race -vet=off -count=1 -timeout 30m ./... (a line per package as it ends)"; \
	SCIMHARNESS_TEST_BINARY=$(CURDIR)/bin/scimharness SCIMHARNESS_TEST_IMAGE=$$image bin/testprogress -race -vet=off -count=1 -timeout 30m ./...

.PHONY: fmt-check
fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

.PHONY: vet
vet:
	$(BUILDENV) $(GO) vet $(BUILDFLAGS) ./...

.PHONY: fuzz
fuzz: ## search with every fuzz target for $(FUZZTIME) each (CI: 2s each, after make test)
	@# One instrumented test binary per package (go test -c -fuzz), run once per
	@# target in the package's directory, with go test's own fuzz cache: a
	@# go test -fuzz per target would link the package's binary again each time.
	@# A run that fails without writing a failing input is Go's own race at the
	@# end of a -fuzztime duration (go.dev/issue/75804: "context deadline
	@# exceeded"; fixed in Go 1.27, not in Go 1.26.8's internal/fuzz): it is
	@# tried up to three times in all.
	@set -e; bin=$$(mktemp -d); trap 'rm -rf "$$bin"' EXIT; cache=$$($(GO) env GOCACHE)/fuzz; \
	$(GO) list -f '{{.ImportPath}} {{.Dir}}' ./... | while read -r pkg dir; do \
	  targets=$$(grep -hoE '^func (Fuzz[A-Za-z0-9_]+)' "$$dir"/*_test.go 2>/dev/null | awk '{print $$2}'); \
	  [ -n "$$targets" ] || continue; \
	  $(GO) test -c -fuzz=. -o "$$bin/fuzz.test" "$$pkg"; \
	  for f in $$targets; do \
	    echo "fuzz $$pkg $$f ($(FUZZTIME)$(if $(FUZZWORKERS),$(comma) $(FUZZWORKERS) worker))"; \
	    run() { (cd "$$dir" && "$$bin/fuzz.test" -test.run='^$$' -test.fuzz="^$$f$$" -test.fuzztime=$(FUZZTIME) $(if $(FUZZWORKERS),-test.parallel=$(FUZZWORKERS)) -test.fuzzcachedir="$$cache/$$pkg" 2>&1); }; \
	    out=$$(run) && continue; \
	    for again in 2 3; do \
	      echo "$$out"; \
	      case "$$out" in *"Failing input written to"*) exit 1;; esac; \
	      echo "fuzz $$pkg $$f: the fuzzer failed without a failing input (its output above); try $$again of 3"; \
	      out=$$(run) && continue 2; \
	    done; \
	    echo "$$out"; exit 1; \
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
build: ## a static binary in bin/, stamped with the module version and VCS revision
	@[ -x bin/scimharness ] || echo "building bin/scimharness (the first build takes a few minutes)..."
	$(BUILDENV) $(GO) build -buildvcs=auto $(BUILDFLAGS) -o bin/scimharness ./cmd/scimharness

.PHONY: image
image: build ## the harness and reference server as a FROM scratch image, tagged $(IMAGE) (docs/ci.md)
	$(BUILDENV) $(GO) run $(BUILDFLAGS) ./internal/imagectx/cmd bin/image bin/scimharness Dockerfile
	docker build -t $(IMAGE) bin/image

.PHONY: serve
serve: ## the reference server on 127.0.0.1:8080 (tokens: SCIMTOKEN, ADMINTOKEN)
	$(GO) run ./cmd/scimharness serve --addr 127.0.0.1:8080 --token SCIMTOKEN --admin-token ADMINTOKEN
