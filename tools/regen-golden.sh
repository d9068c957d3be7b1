#!/usr/bin/env bash
# Rewrites the expected outputs beside fixtures/*.yaml from the current build,
# for review with `git diff fixtures/`: a fixture whose check fails gets
# NAME.err, every other gets NAME.md and NAME.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/malkoll
for y in fixtures/*.yaml; do
  base="${y%.yaml}"
  if "$bin" check "$y" > /dev/null 2> "$base.err.tmp"; then
    rm -f "$base.err.tmp" "$base.err"
    "$bin" assess "$y" > "$base.md"
    "$bin" assess "$y" --format json > "$base.json"
  else
    mv "$base.err.tmp" "$base.err"
    rm -f "$base.md" "$base.json"
  fi
done
git status --short fixtures/
