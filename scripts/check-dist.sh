#!/usr/bin/env bash
# dist/ is committed (the runner executes it as is): rebuild it and fail when the result differs from
# what is committed, new files included.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s bundle
changes=$(git status --porcelain --untracked-files=all -- dist)
if [ -n "$changes" ]; then
  echo "::error::dist/ is stale: 'npm run bundle' changed it. Rebuild and commit dist/." >&2
  echo "$changes" >&2
  exit 1
fi
echo "dist/ is fresh"
