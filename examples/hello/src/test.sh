#!/bin/sh
# The test suite: the app must greet by name.
set -eu
got=$("$1" stagegate)
want="Hello, stagegate!"
if [ "$got" != "$want" ]; then
  echo "FAIL: got '$got', want '$want'"
  exit 1
fi
echo "PASS: $got"
