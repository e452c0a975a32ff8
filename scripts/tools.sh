#!/usr/bin/env bash
# Installs a pinned developer tool the tests use, when it is missing, and prints its path on stdout.
#
#   bash scripts/tools.sh actionlint     # -> ~/.cache/stagegate/tools/actionlint-v1.7.12/actionlint
#   bash scripts/tools.sh dive           # -> ~/.cache/stagegate/tools/dive-v0.13.1/dive (benchmarks' peer only)
#
# Tools are built from source with `go install` (Go and its module proxy, nothing else), once per
# machine, into a folder keyed by version under ${STAGEGATE_TOOLS_DIR:-$HOME/.cache/stagegate/tools}.
# They are never written into the repository. Changing a version below installs the new one beside the old.
#
# Exit status: 0 and the path on stdout; 3 when this machine has no Go that can build the tool (the
# caller decides: CI fails, a developer machine may skip); 1 when the install itself fails.
# Progress and errors go to stderr.
set -euo pipefail

ACTIONLINT_VERSION=v1.7.12
# The `go` line of actionlint's go.mod at that version. Go 1.21+ fetches a newer toolchain itself
# through the module proxy (unless GOTOOLCHAIN=local); older Go cannot.
ACTIONLINT_GO=1.25
# dive, the waste analyser the benchmarks compare stagegate with (never used by the action itself).
# v0.13.1 is its newest tag on the module proxy; its go.mod says go 1.24.
DIVE_VERSION=v0.13.1
DIVE_GO=1.24

tools_dir=${STAGEGATE_TOOLS_DIR:-${HOME:?}/.cache/stagegate/tools}

# "1.25.0" or "go1.26.8" -> "1025"; enough to compare minor versions.
go_minor() {
  local v=${1#go}
  local major=${v%%.*} rest=${v#*.}
  printf '%d%03d\n' "$major" "${rest%%[.a-z]*}"
}

# Why this machine's Go cannot build a module needing Go $1, or nothing when it can.
go_problem() {
  local need=$1 have toolchain
  if ! command -v go >/dev/null 2>&1; then
    echo "Go is not installed (no 'go' on PATH)"
    return
  fi
  have=$(go env GOVERSION 2>/dev/null || go version | awk '{print $3}')
  [ "$(go_minor "$have")" -ge "$(go_minor "$need")" ] && return
  toolchain=$(go env GOTOOLCHAIN 2>/dev/null || echo local)
  if [ "$(go_minor "$have")" -ge "$(go_minor 1.21)" ] && [ "$toolchain" != local ]; then return; fi
  echo "Go $have is older than the Go $need it needs (and GOTOOLCHAIN=$toolchain cannot fetch a newer one)"
}

# go_tool NAME VERSION GO_VERSION PACKAGE: the path of NAME at VERSION, built when missing.
go_tool() {
  local name=$1 version=$2 need=$3 package=$4
  local dir="$tools_dir/$name-$version"
  local bin="$dir/$name"
  if [ -x "$bin" ]; then
    echo "$bin"
    return 0
  fi
  local problem
  problem=$(go_problem "$need")
  if [ -n "$problem" ]; then
    echo "scripts/tools.sh: cannot install $name $version: $problem. Install Go $need or later (https://go.dev/dl/), or let Go 1.21+ fetch it with GOTOOLCHAIN=auto." >&2
    return 3
  fi
  mkdir -p "$tools_dir"
  # Build into a private folder and rename it into place, so concurrent runs never see half a binary.
  local staging
  staging=$(mktemp -d "$tools_dir/.$name-$version.XXXXXX")
  chmod 755 "$staging"
  echo "scripts/tools.sh: installing $name $version (go install $package@$version)..." >&2
  local started=$SECONDS
  if ! GOBIN="$staging" go install "$package@$version" >&2; then
    rm -rf "$staging"
    echo "::error::scripts/tools.sh: 'go install $package@$version' failed (see above)." >&2
    return 1
  fi
  if ! mv -T "$staging" "$dir" 2>/dev/null; then
    rm -rf "$staging" # another run installed it first
  fi
  echo "scripts/tools.sh: $name $version installed in $((SECONDS - started)) s: $bin" >&2
  echo "$bin"
}

case "${1:-}" in
  actionlint)
    go_tool actionlint "$ACTIONLINT_VERSION" "$ACTIONLINT_GO" github.com/rhysd/actionlint/cmd/actionlint
    ;;
  dive)
    go_tool dive "$DIVE_VERSION" "$DIVE_GO" github.com/wagoodman/dive
    ;;
  version)
    # bash scripts/tools.sh version actionlint -> the pinned version (for cache keys and messages)
    case "${2:-}" in
      actionlint) echo "$ACTIONLINT_VERSION" ;;
      dive) echo "$DIVE_VERSION" ;;
      *) echo "usage: scripts/tools.sh version actionlint|dive" >&2 && exit 2 ;;
    esac
    ;;
  *)
    echo "usage: scripts/tools.sh actionlint | dive | version actionlint|dive" >&2
    exit 2
    ;;
esac
