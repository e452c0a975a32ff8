#!/usr/bin/env bash
# Release helpers for .github/workflows/release.yml (and for checking a release before tagging it).
#
#   bash scripts/release.sh notes v0.2.0            # CHANGELOG.md's "## [0.2.0]" section: the release notes
#   bash scripts/release.sh major-tag v0.2.0 TAGS... # the major tag to move to v0.2.0 (v0), or nothing
#
# `notes` fails when CHANGELOG.md has no section for the version, or only an empty one: a release
# always says what changed. `major-tag` prints nothing for a pre-release (v1.0.0-rc.1) or when TAGS
# (the repository's existing tags) hold a newer release of the same major: a backport such as v0.1.5
# after v0.2.0 must not move v0 back.
set -euo pipefail

semver='^v([0-9]+)\.([0-9]+)\.([0-9]+)(-[0-9A-Za-z.-]+)?$'

check_tag() {
  if ! [[ $1 =~ $semver ]]; then
    echo "::error::'$1' is not a release tag: expected vMAJOR.MINOR.PATCH (v0.2.0) or a pre-release (v1.0.0-rc.1)" >&2
    exit 1
  fi
}

notes() {
  local tag=$1 changelog=${CHANGELOG:-CHANGELOG.md}
  check_tag "$tag"
  local version=${tag#v} body
  # From the version's heading to the next "## " heading; link definitions ("[0.2.0]: https://...") and
  # the blank lines around the section are dropped (the leading ones by sed, the trailing ones by $(...)).
  body=$(awk -v version="$version" '
    /^## / { if (found) exit; if (index($0, "## [" version "]") == 1) { found = 1; next } }
    found && !/^\[[^]]+\]: / { print }
  ' "$changelog" | sed -e '/./,$!d')
  if [ -z "$body" ]; then
    echo "::error::$changelog has no '## [$version]' section with notes; add one (Keep a Changelog style) before tagging $tag" >&2
    exit 1
  fi
  printf '%s\n' "$body"
}

major_tag() {
  local tag=$1
  shift
  check_tag "$tag"
  [[ $tag == *-* ]] && return 0
  local major=${tag%%.*} newest
  newest=$(printf '%s\n' "$tag" "$@" | grep -E "^$major\.[0-9]+\.[0-9]+$" | sort -V | tail -n 1)
  if [ "$newest" = "$tag" ]; then echo "$major"; fi
}

case "${1:-}" in
  notes) notes "${2:?usage: scripts/release.sh notes vX.Y.Z}" ;;
  major-tag) shift && major_tag "${1:?usage: scripts/release.sh major-tag vX.Y.Z [TAGS...]}" "${@:2}" ;;
  *)
    echo "usage: scripts/release.sh notes vX.Y.Z | major-tag vX.Y.Z [EXISTING_TAGS...]" >&2
    exit 2
    ;;
esac
