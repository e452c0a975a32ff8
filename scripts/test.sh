#!/usr/bin/env bash
# Quick start, command 2: runs every test (type-check, lint, unit, engine-backed integration, and the
# bundled action end to end under Node 24) against a real Docker engine, installing one if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/engine.sh
source scripts/engine.sh
stagegate_engine
npm ci --no-audit --no-fund
npm test
