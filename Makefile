# Impact Atlas: the two commands are `make serve` and `make test`.
# Each installs what is missing first (tools/install.sh; as root, or it prints
# what to install and stops).
#
#   make serve            dev server (trunk serve) on 127.0.0.1:$(PORT), PORT=8080
#   make test             fmt, clippy, cargo test, browser tests (wasm-bindgen-test),
#                         release build, Playwright end-to-end; ends with
#                         "summary: N passed, M failed"
#   make build            release build in dist/ and its wasm/js sizes
#   make check-data       validate a dataset: make check-data FILE=path/to/impact.json
#   make e2e              release build + Playwright only
#   make test-layers LAYERS="unit wasm"   some layers only (fmt clippy unit wasm build size e2e)
#   make bench            sizes, loads and filter->frame times at 4x CPU against a
#                         static floor (docs/bench.md); BENCH_RUNS=7 for medians of 7
#   make fuzz             parser/validator property tests for FUZZ_SECONDS (600)
#   make screenshots      PNGs of / and /about (ar fr en, 360/1440 px) in screenshots/
#   make install          install the tools only

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON ?= $(CURDIR)/tools/webdriver.json

PORT ?= 8080
FILE ?= public/data/impact.json
LAYERS ?= fmt clippy unit wasm build size e2e
SCREENSHOT_PATHS ?= / /about

.PHONY: help install install-serve serve test test-layers build e2e check-data fuzz bench screenshots sizes clean

help:
	@sed -n '1,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

install:
	@tools/install.sh test

install-serve:
	@tools/install.sh serve

# The dev server answers /embed/… with index.html (its binary has the widgets
# too), so it skips the widgets' own page (embed.html, tools/trunk-csp.mjs).
serve: install-serve
	IMPACT_ATLAS_WIDGET_BUILD=0 trunk serve --address 127.0.0.1 --port $(PORT)

test: install
	@tools/test.sh

test-layers: install
	@tools/test.sh $(LAYERS)

build: install-serve
	trunk build --release
	@tools/sizes.sh

sizes:
	@tools/sizes.sh

e2e: install
	@tools/test.sh build e2e

check-data:
	cargo run --quiet --bin check-data -- $(FILE)

FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --test fuzz -- --ignored --nocapture fuzz_for_a_while

BENCH_RUNS ?= 3
bench: install build
	BENCH_RUNS=$(BENCH_RUNS) node tools/bench.mjs

screenshots: install build
	node tools/screenshot.mjs $(SCREENSHOT_PATHS)

clean:
	rm -rf dist test-results playwright-report screenshots target/test-logs
