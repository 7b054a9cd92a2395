#!/usr/bin/env bash
# Runs the test suites and prints one summary line per suite and a final "N passed, N failed".
#
#   bash scripts/test.sh [unit|integration|e2e|cli|all]     (default: all)
#
# unit:        mocha over out/test/unit/**/*.test.js in plain Node (no editor)
# integration: mocha inside a real VS Code (code-server) extension host: out/test/integration/launch.js
# e2e:         mocha over out/test/e2e/**/*.test.js, driving code-server with headless Chromium
# cli:         mocha over out/test/cli/**/*.test.js: the built dist/cli.js run as a child process
#
# Every selected suite runs even when an earlier one fails. A suite fails when a test fails, when
# it runs no tests at all, or when it exceeds its time limit (a hung editor must not stall CI).
# Output of each suite: test-results/<suite>/output.log. Exit status: 0 only if all is well.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WHICH=${1:-all}
case "$WHICH" in
  unit | integration | e2e | cli) SUITES=("$WHICH") ;;
  all) SUITES=(unit cli integration e2e) ;;
  *) echo "usage: $0 [unit|integration|e2e|cli|all]" >&2; exit 2 ;;
esac

# Time limits per suite (seconds), generous; the harness has its own, shorter waits inside.
UNIT_LIMIT=${UNIT_TIMEOUT_S:-300}
INTEGRATION_LIMIT=${INTEGRATION_SUITE_TIMEOUT_S:-420}
E2E_LIMIT=${E2E_TIMEOUT_S:-600}
CLI_LIMIT=${CLI_TIMEOUT_S:-420}

MOCHA="$ROOT/node_modules/.bin/mocha"
SUMMARY=()
TOTAL_PASSED=0
TOTAL_FAILED=0
PROBLEMS=0

step() { # <name> <command...>: a preparation step; a failure is reported and counted
  local name=$1 t=$SECONDS log="$ROOT/test-results/$1.log"
  shift
  mkdir -p "$ROOT/test-results"
  if "$@" >"$log" 2>&1; then
    echo "test: $name ok ($((SECONDS - t))s)"
  else
    echo "test: $name FAILED ($((SECONDS - t))s), tail of ${log#"$ROOT/"}:"
    tail -n 30 "$log"
    SUMMARY+=("$name: FAILED (see ${log#"$ROOT/"})")
    PROBLEMS=$((PROBLEMS + 1))
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
  fi
}

# Compiled tests whose source was deleted must not keep running from out/.
remove_stale_tests() {
  local js ts
  [ -d out/test ] || return 0
  while IFS= read -r js; do
    ts="${js#out/}"
    ts="${ts%.js}.ts"
    [ -f "$ts" ] || rm -f "$js" "$js.map"
  done < <(find out/test -name '*.test.js')
}

count() { # <pattern> <log>: the last "N <pattern>" number mocha printed, or 0
  local n
  n=$(grep -Eo "^ *[0-9]+ $1" "$2" | tail -n 1 | grep -Eo '[0-9]+')
  echo "${n:-0}"
}

run_suite() { # <suite> <limit seconds> <command...>
  local suite=$1 limit=$2 t=$SECONDS status passed failed pending dir="$ROOT/test-results/$1"
  shift 2
  mkdir -p "$dir"
  echo ""
  echo "=== $suite ==="
  timeout --kill-after=20s "$limit" "$@" 2>&1 | tee "$dir/output.log"
  status=${PIPESTATUS[0]}
  passed=$(count passing "$dir/output.log")
  failed=$(count failing "$dir/output.log")
  pending=$(count pending "$dir/output.log")
  # A suite that ran nothing, timed out or crashed counts as (at least) one failure.
  local note=""
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    note=" TIMED OUT after ${limit}s"
    [ "$failed" -eq 0 ] && failed=1
  elif [ $((passed + failed)) -eq 0 ]; then
    note=" NO TESTS RAN (exit status $status)"
    failed=1
  elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    note=" EXIT STATUS $status"
    failed=1
  fi
  [ "$failed" -gt 0 ] && PROBLEMS=$((PROBLEMS + 1))
  local line="$suite: $passed passed, $failed failed"
  [ "$pending" -gt 0 ] && line+=", $pending pending"
  line+=" ($((SECONDS - t))s)$note"
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  SUMMARY+=("$line")
}

T0=$SECONDS
if ! bash "$ROOT/scripts/setup.sh"; then
  echo "test: setup failed; not running the suites"
  echo "0 passed, 1 failed"
  exit 1
fi
step build npm run --silent build
remove_stale_tests
step compile-tests npm run --silent compile-tests

for suite in "${SUITES[@]}"; do
  case "$suite" in
    unit)
      run_suite unit "$UNIT_LIMIT" "$MOCHA" --reporter spec --no-color 'out/test/unit/**/*.test.js'
      ;;
    cli)
      run_suite cli "$CLI_LIMIT" "$MOCHA" --reporter spec --no-color --timeout 60000 'out/test/cli/**/*.test.js'
      ;;
    integration)
      run_suite integration "$INTEGRATION_LIMIT" node out/test/integration/launch.js
      ;;
    e2e)
      # Pictures of failures from an earlier run would mislead whoever opens the folder.
      rm -f test-results/e2e/failed-*.png
      run_suite e2e "$E2E_LIMIT" "$MOCHA" --reporter spec --no-color --timeout 120000 --exit 'out/test/e2e/**/*.test.js'
      ;;
  esac
done

echo ""
echo "=== summary ($((SECONDS - T0))s) ==="
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$PROBLEMS" -eq 0 ]
