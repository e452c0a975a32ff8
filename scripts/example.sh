#!/usr/bin/env bash
# Quick start, command 1: runs stagegate's main job locally on the bundled example (examples/hello):
# real builds of every stage, the test stage as a gate, the image measured, the Dockerfile linted.
# Prints the Markdown report and writes the JSON report to stagegate-report.json.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/engine.sh
source scripts/engine.sh
stagegate_engine
exec node dist/cli.js report --context examples/hello --json-file stagegate-report.json "$@"
