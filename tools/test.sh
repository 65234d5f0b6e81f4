#!/usr/bin/env bash
# Runs the test layers in order, each logged to target/test-logs/<layer>.log,
# then prints one table and a closing line `summary: N passed, M failed` that
# adds up the tests of every layer (a failed gate such as fmt, clippy or the
# release build counts as one failure). Exits non-zero when any layer failed.
#
#   tools/test.sh                 # all layers
#   tools/test.sh unit e2e        # only these (fmt clippy unit wasm build size e2e)
#   FAIL_FAST=1 tools/test.sh     # stop at the first failing layer
#   DIST_DIR=target/my-dist tools/test.sh build e2e   # build/serve another folder than dist/
#                                 # (useful when several people share one work tree)
#
# Tools are expected to be installed (make test runs tools/install.sh first).
set -uo pipefail

cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$PWD/tools/webdriver.json}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

ALL_LAYERS=(fmt clippy unit wasm build size e2e)
export DIST_DIR="${DIST_DIR:-dist}"
# Playwright's artifacts (traces, screenshots of failures); it empties this folder first.
export E2E_OUTPUT_DIR="${E2E_OUTPUT_DIR:-$PWD/test-results}"
if [ "$#" -gt 0 ]; then LAYERS=("$@"); else LAYERS=("${ALL_LAYERS[@]}"); fi

LOGS="${TEST_LOGS:-target/test-logs}"
mkdir -p "$LOGS"
TOTAL_PASSED=0
TOTAL_FAILED=0
ANY_FAILED=0
BUILD_OK=1
ROWS=()

# Sums "test result: ... N passed; M failed" lines (cargo test, wasm-bindgen-test-runner).
cargo_counts() {
  awk '/test result: /{
         for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i }
       } END { printf "%d %d\n", p, f }' "$1"
}

# Reads Playwright's JSON report.
playwright_counts() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.stats || {};
    console.log(`${(s.expected || 0) + (s.flaky || 0)} ${s.unexpected || 0} ${s.skipped || 0}`);
  ' "$1" 2>/dev/null || echo "0 0 0"
}

run_layer() { # run_layer <name> <kind: gate|cargo|playwright> <command...>
  local name="$1" kind="$2"
  shift 2
  local log="$LOGS/$name.log" start rc passed=0 failed=0 skipped=0 note=""
  echo
  echo "=== [$name] $*"
  start=$(date +%s)
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  local secs=$(($(date +%s) - start))
  case "$kind" in
    cargo) read -r passed failed < <(cargo_counts "$log") ;;
    playwright) read -r passed failed skipped < <(playwright_counts "$LOGS/e2e.json") ;;
  esac
  if [ "$rc" -ne 0 ]; then
    ANY_FAILED=1
    # A layer that failed without reporting a failed test (compile error,
    # fmt diff, clippy warning, crash) still counts as one failure.
    [ "$failed" -eq 0 ] && failed=1 && note=" (exit $rc)"
  elif [ "$kind" != gate ] && [ "$passed" -eq 0 ]; then
    note=" (ran no test)"
  fi
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  local status=ok
  [ "$rc" -ne 0 ] && status=FAILED
  if [ "$kind" = gate ]; then
    ROWS+=("$(printf '%-8s %-7s %5ss%s' "$name" "$status" "$secs" "$note")")
  else
    ROWS+=("$(printf '%-8s %-7s %5ss  %d passed, %d failed%s%s' "$name" "$status" "$secs" "$passed" "$failed" \
      "$([ "$skipped" -gt 0 ] && echo ", $skipped skipped")" "$note")")
  fi
  return "$rc"
}

# Clippy natively (all targets) and for the browser (wasm-only code and tests/web.rs).
clippy_all() {
  local rc=0
  cargo clippy --all-targets --locked -- -D warnings || rc=1
  echo "--- clippy for wasm32-unknown-unknown (browser-only code, tests/web.rs)"
  cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings || rc=1
  return "$rc"
}

e2e() {
  rm -f "$LOGS/e2e.json"
  E2E_JSON="$(cd "$LOGS" && pwd)/e2e.json" playwright test --config tests/e2e/playwright.config.mjs
}

T0=$(date +%s)
for layer in "${LAYERS[@]}"; do
  case "$layer" in
    fmt) run_layer fmt gate cargo fmt --all --check ;;
    clippy) run_layer clippy gate clippy_all ;;
    unit) run_layer unit cargo cargo test --locked ;;
    wasm) run_layer wasm cargo cargo test --locked --target wasm32-unknown-unknown --test web --features embedded-texts ;;
    build)
      run_layer build gate trunk build --release --dist "$DIST_DIR" || BUILD_OK=0
      [ "$BUILD_OK" = 1 ] && tools/sizes.sh "$DIST_DIR"
      ;;
    size)
      # The size budget of the release build (tools/size-budget.json).
      if [ "$BUILD_OK" = 1 ] && [ -f "$DIST_DIR/index.html" ]; then
        run_layer size gate node tools/size-budget.mjs "$DIST_DIR"
      else
        echo "=== [size] skipped: no release build in $DIST_DIR/"
      fi
      ;;
    e2e)
      if [ "$BUILD_OK" = 1 ] && [ -f "$DIST_DIR/index.html" ]; then
        run_layer e2e playwright e2e
      else
        echo "=== [e2e] skipped: no release build in $DIST_DIR/"
        ROWS+=("$(printf '%-8s %-7s' e2e SKIPPED) (no release build)")
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        ANY_FAILED=1
      fi
      ;;
    *)
      echo "unknown layer: $layer (known: ${ALL_LAYERS[*]})" >&2
      exit 2
      ;;
  esac
  if [ "$ANY_FAILED" = 1 ] && [ "${FAIL_FAST:-0}" = 1 ]; then break; fi
done

echo
echo "=== layers (logs in $LOGS/), $(($(date +%s) - T0))s in all"
for row in "${ROWS[@]}"; do echo "  $row"; done
echo "summary: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
exit "$ANY_FAILED"
