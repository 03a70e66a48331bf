# Hope Home: `make run` serves the demo school, `make test` runs every test.
# Both install what is missing first (see scripts/install-tools.sh).

SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

DATABASE_URL ?= sqlite://data/hopehome.db
LEPTOS_SITE_ADDR ?= 127.0.0.1:3000
LEPTOS_SITE_ROOT ?= target/site
export DATABASE_URL LEPTOS_SITE_ADDR LEPTOS_SITE_ROOT
# Leptos reads this as it compiles (`option_env!`) and names /pkg/hopehome.wasm by it: set for
# every cargo here, the server's tests and the dev server share one compiled `leptos` and `app`.
LEPTOS_OUTPUT_NAME := hopehome
export LEPTOS_OUTPUT_NAME

.PHONY: run test tools lint lint-quick clippy typecheck clippy-and-test-rust build bundle test-rust test-e2e size bench bench-http measure clean-db

## run: install, build (release), migrate, seed an empty database, serve on $(LEPTOS_SITE_ADDR)
run: build
	./target/release/server

## test: install; the quick checks (formatting, the one-way layers, the shared build: seconds);
## then the browser bundle (release) and, beside it, clippy and the Rust unit and
## integration tests on the dev build (it is also the server the browser tests run); then
## Playwright (no-JS and hydrated) and the payload check. Each side's output is printed
## whole when it ends (`--output-sync`).
test: tools
	$(MAKE) --no-print-directory -o tools lint-quick
	$(MAKE) --no-print-directory -o tools -j2 --output-sync=recurse bundle clippy-and-test-rust
	$(MAKE) --no-print-directory -o tools -o bundle test-e2e size

# One side of `make test`: clippy and the browser tests' type check, then the Rust tests
# (they share target/debug's lock), which run even when a check fails (the side then fails
# with its status). Niced: the
# wasm's compilation of `app` is one thread on the critical path for about two minutes, and
# this side fits in what it leaves.
clippy-and-test-rust:
	nice -n 10 $(MAKE) --no-print-directory -k -o tools clippy typecheck; status=$$?; \
	  nice -n 10 $(MAKE) --no-print-directory -o tools test-rust && exit $$status

## lint: the quick checks, then clippy and the type check
lint: lint-quick clippy typecheck

## lint-quick: formatting, the one-way layers (no import cycle between files, no layer
## importing a higher one) and the build the tests and the dev server share
lint-quick: tools
	cargo fmt --all --check
	python3 scripts/check-layers.py
	python3 scripts/check-shared-build.py

## clippy: per package with its own features, warnings denied
clippy: tools
	cargo clippy -p app --features ssr --tests -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p server --tests --benches -- -D warnings

## typecheck: the browser tests' TypeScript (Playwright runs it without checking types)
typecheck: tools
	cd end2end && npx tsc --noEmit -p .

tools:
	@./scripts/install-tools.sh

## build: the server and the wasm bundle in release mode, each with its own features, and
## the bundle compressed once for the server to send as it is
build: tools
	./scripts/build.sh
	./scripts/precompress.sh

## bundle: the browser bundle alone (wasm, JS, CSS, public/), compressed
bundle: tools
	./scripts/build.sh bundle
	./scripts/precompress.sh

## test-rust: the app's unit tests, then the server's over HTTP, both in the dev profile (our
## crates unoptimised and incremental, every dependency optimised: a change in `app` builds
## again in seconds, where the release build took three minutes or more). The server's tests
## and the dev server share one compiled `app` (see scripts/check-shared-build.py).
test-rust: tools
	cargo test -p app --features ssr
	cargo test -p server

## test-e2e: Playwright on the dev server (built here; nothing to do after `cargo test -p
## server`, which builds the same) and the release bundle
test-e2e: bundle
	cargo build -p server --bin server
	cd end2end && npx playwright test

## size: the brotli size of what /calendar ships (wasm + js + css), against the 100 KB budget
size: bundle
	@./scripts/payload-size.sh

## bench: criterion benchmarks of the calendar, the five ones and the programme on the demo school (release)
bench: tools
	cargo bench -p server --bench calendar --bench habits --bench programme

## bench-http: the calendar under load (wrk on loopback): the demo school plus a 705-event
## year imported, month pages, the feed with and without its ETag, memory; prints one table
bench-http: build
	@./scripts/install-tools.sh --bench
	python3 scripts/bench-http.py

## measure: the month switch on a tablet slowed 4× and the first sight of the April 20
## checkup on a slow mobile network, in Chromium (figures printed; not part of `make test`)
measure: build
	@./scripts/install-tools.sh --bench
	cd end2end && npx playwright test --config measure.config.ts --reporter=list

clean-db:
	rm -f data/hopehome.db data/hopehome.db-wal data/hopehome.db-shm
