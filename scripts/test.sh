#!/usr/bin/env bash
# The whole test suite, as `npm test` and CI run it. Fails fast, in order:
#   system deps -> throwaway PostgreSQL -> dependency rules -> tsc -> vitest
#   (unit + integration) -> vite build -> playwright (if there are specs).
# The PostgreSQL cluster is always stopped and deleted on exit.
# Exported for the steps: TEST_DATABASE_URL (superuser URL, .../postgres),
# PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, PG_CLUSTER_DIR.
# Set SKIP_E2E=1 to skip the Playwright step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# No ANSI colours in logs (CI, redirected output) unless asked for.
if [[ ! -t 1 && -z "${FORCE_COLOR:-}" && -z "${NO_COLOR:-}" ]]; then export NO_COLOR=1; fi

T0=$SECONDS
# Machine-readable results of vitest/playwright, for the closing count line.
mkdir -p .tmp
REPORT_DIR=$(mktemp -d .tmp/test-report.XXXXXX)
STEP=""
STEP_T0=$SECONDS
TIMINGS=()

bar() { printf '%s\n' "================================================================================"; }
end_step() {
  if [[ -n "$STEP" ]]; then
    local took=$((SECONDS - STEP_T0))
    TIMINGS+=("$(printf '%-28s %5ss' "$STEP" "$took")")
    printf '>>> %s: ok in %ss (total %ss)\n' "$STEP" "$took" "$((SECONDS - T0))"
  fi
  STEP=""
}
step() {
  end_step
  STEP=$1
  STEP_T0=$SECONDS
  echo
  bar
  printf '>>> [%s] %s   (t+%ss)\n' "$(date +%H:%M:%S)" "$STEP" "$((SECONDS - T0))"
  bar
}
skip() { end_step; printf '\n>>> skipped: %s\n' "$*"; TIMINGS+=("$(printf '%-28s  skip' "$1")"); }

PG_CLUSTER_DIR=""
on_exit() {
  local rc=$?
  set +e
  if [[ -n "$PG_CLUSTER_DIR" ]]; then
    bash scripts/pg-cluster.sh stop "$PG_CLUSTER_DIR"
  fi
  echo
  bar
  if [[ $rc -eq 0 ]]; then
    printf '>>> ALL STEPS PASSED in %ss\n' "$((SECONDS - T0))"
  else
    printf '>>> FAILED in step "%s" (exit %s) after %ss\n' "${STEP:-?}" "$rc" "$((SECONDS - T0))"
  fi
  local t; for t in "${TIMINGS[@]}"; do printf '    %s\n' "$t"; done
  # One plain closing line with the test counts of vitest + playwright.
  node -e '
    const fs = require("fs"); let p = 0, f = 0, s = 0, seen = false;
    const read = (n) => { try { return JSON.parse(fs.readFileSync(n, "utf8")); } catch { return null; } };
    const v = read(process.argv[1]);
    if (v) { seen = true; p += v.numPassedTests; f += v.numFailedTests; s += v.numPendingTests + (v.numTodoTests || 0); }
    const w = read(process.argv[2]);
    if (w && w.stats) { seen = true; p += w.stats.expected + w.stats.flaky; f += w.stats.unexpected; s += w.stats.skipped; }
    if (seen) console.log(`Tests: ${p} passed, ${f} failed, ${s} skipped`);
  ' "$REPORT_DIR/vitest.json" "$REPORT_DIR/playwright.json" 2>/dev/null || true
  rm -rf "$REPORT_DIR"
  bar
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "system dependencies"
bash scripts/ensure-system-deps.sh

step "postgresql cluster"
pg_env=$(bash scripts/pg-cluster.sh start)   # a failed start fails here (set -e)
eval "$pg_env"
echo "TEST_DATABASE_URL=$TEST_DATABASE_URL"

step "dependency rules"
npx depcruise src --config .dependency-cruiser.cjs

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "vitest (unit + integration)"
REQUIRE_POSTGRES=1 npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORT_DIR/vitest.json"

if [[ -f vite.config.ts ]]; then
  step "vite build"
  npx vite build
else
  skip "vite build" "(no vite.config.ts)"
fi

if [[ "${SKIP_E2E:-0}" == 1 ]]; then
  skip "playwright" "(SKIP_E2E=1)"
elif [[ -d test/e2e ]] && [[ -n "$(find test/e2e -name '*.spec.ts' -not -path '*/node_modules/*' -print -quit)" ]]; then
  step "playwright"
  # (Playwright forces colour for its web server; NO_COLOR there only makes Node warn.)
  env -u NO_COLOR PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORT_DIR/playwright.json" npx playwright test --reporter=list,json
else
  skip "playwright" "(no test/e2e/**/*.spec.ts)"
fi
end_step
