#!/usr/bin/env bash
# Rewrites the expected outputs from the current build, for review with
# `git diff fixtures/`: fixtures/NAME.yaml → fixtures/NAME.{md,json,html,csv}
# (or NAME.err when its check fails), rules/son/NAME.yaml → fixtures/rapporter/NAME.*,
# rules/exempel/NAME.yaml → fixtures/rapporter/exempel-NAME.*,
# rules/linköping/NAME.yaml → fixtures/rapporter/linköping-NAME.*; and
# schema/malkoll.schema.json (malkoll schema).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/malkoll
regen() {  # rule file, expected path without extension
  local y="$1" base="$2"
  if "$bin" check "$y" > /dev/null 2> "$base.err.tmp"; then
    rm -f "$base.err.tmp" "$base.err"
    "$bin" assess "$y" > "$base.md"
    for f in json html csv; do "$bin" assess "$y" --format "$f" > "$base.$f"; done
  else
    mv "$base.err.tmp" "$base.err"
    rm -f "$base.md" "$base.json" "$base.html" "$base.csv"
  fi
}
for y in fixtures/*.yaml fixtures/sammanställning/*.yaml; do regen "$y" "${y%.yaml}"; done
mkdir -p fixtures/rapporter
for y in rules/son/*.yaml; do n=$(basename "$y" .yaml); regen "$y" "fixtures/rapporter/$n"; done
for y in rules/exempel/*.yaml; do n=$(basename "$y" .yaml); regen "$y" "fixtures/rapporter/exempel-$n"; done
for y in rules/linköping/*.yaml; do n=$(basename "$y" .yaml); regen "$y" "fixtures/rapporter/linköping-$n"; done
# diff (tests/test_diff.cpp, tests/test_diff_reports.cpp): two rule files, and the two JSON
# reports of them, written to a temporary folder and named without it.
"$bin" diff fixtures/diff/son-2023.yaml fixtures/diff/son-2024.yaml > fixtures/diff/son-2023-2024.md
tmp=$(mktemp -d)
"$bin" assess fixtures/diff/son-2023.yaml --format json -o "$tmp/son-2023.json"
"$bin" assess fixtures/diff/son-2024.yaml --format json -o "$tmp/son-2024.json"
for f in md json; do
  "$bin" diff "$tmp/son-2023.json" "$tmp/son-2024.json" --format "$f" | sed "s|$tmp/||g" > "fixtures/diff/son-2023-2024-rapporter.$f"
done
rm -rf "$tmp"
"$bin" schema -o schema/malkoll.schema.json  # the rule file's JSON Schema (tests/test_schema.cpp)
git status --short fixtures/ schema/
