# wfm: workforce management for a 7×24 contact centre. `make help` lists the targets.

GO        ?= go
OUT       ?= out/demo
BENCHTIME ?= 1x
DATA      ?= ../shared/data

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

.PHONY: build
build: ## build the wfm binary into bin/
	$(GO) build -o bin/wfm ./cmd/wfm

.PHONY: run
run: ## the main job on the built-in demo centre: forecast and staff next month, write reports to $(OUT)
	$(GO) run ./cmd/wfm demo --out $(OUT)

.PHONY: test
test: ## every test (PostgreSQL tests need a server: WFM_TEST_DATABASE_URL, default the local one)
	$(GO) test -count=1 ./...

.PHONY: bench
bench: ## the Go benchmarks (BENCHTIME=1x runs each once; use e.g. BENCHTIME=2s for figures)
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

.PHONY: backtest
backtest: ## the forecast backtest on the real bank data in $(DATA) (the README table)
	$(GO) run ./cmd/wfm forecast backtest --history $(DATA)/calls/anonbank_1999_6min.csv --interval 30m \
		--horizon 28 --origins 10 --holidays forecast/testdata/anonbank-1999-holidays.csv

.PHONY: lint
lint: ## gofmt, go vet and staticcheck
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
