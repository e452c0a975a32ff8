#!/usr/bin/env bash
# The engine matrix smoke test: brings each engine up (scripts/engines.sh, timing each `up`) and runs
# __tests__/integration/engines.test.ts on them: the bundled action end to end on examples/hello.
#   bash scripts/test-engines.sh                    every engine (`engines.sh list`)
#   bash scripts/test-engines.sh remote docker-classic
# In CI (CI=true) an engine that does not come up fails the run; elsewhere it is reported and skipped.
# STAGEGATE_ENGINES_RESULTS=FILE collects one JSON line per engine (driver, versions, sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
engines=("$@")
if [ ${#engines[@]} -eq 0 ]; then mapfile -t engines < <(bash scripts/engines.sh list); fi

up=()
for engine in "${engines[@]}"; do
  start=$(date +%s)
  if bash scripts/engines.sh up "$engine" >/dev/null; then
    echo "engine $engine up in $(($(date +%s) - start))s" >&2
    up+=("$engine")
  elif [ "${CI:-}" = true ]; then
    echo "::error::engine $engine did not come up (see above)" >&2
    exit 1
  else
    echo "SKIPPING engine $engine: it did not come up (see above)" >&2
  fi
done
[ ${#up[@]} -gt 0 ] || {
  echo "no engine came up" >&2
  exit 1
}

[ -d node_modules ] || npm install --no-audit --no-fund
[ -f dist/index.js ] || npm run bundle
STAGEGATE_ENGINES=$(
  IFS=,
  echo "${up[*]}"
) node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects integration \
  --runTestsByPath __tests__/integration/engines.test.ts __tests__/integration/registry-sizes.test.ts
