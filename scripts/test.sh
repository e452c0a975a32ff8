#!/usr/bin/env bash
# Quick start, command 2: runs every test (type-check, lint, unit, engine-backed integration, and the
# bundled action end to end under Node 24) against a real Docker engine, installing one if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/engine.sh
source scripts/engine.sh
stagegate_engine
# `npm install` honours package-lock.json (it leaves it unchanged); `npm ci` cannot be used here because
# this machine's npm registry lacks other platforms' builds of jest's optional @unrs/resolver-binding-*
# packages, so `npm ci`'s lock check always reports them missing.
npm install --no-audit --no-fund
npm test
