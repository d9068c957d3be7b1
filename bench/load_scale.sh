#!/usr/bin/env bash
# `malkoll check` at scale beside its two yardsticks, in one run:
#   bash bench/load_scale.sh [N ...]        (default: 10000 100000)
# For each N: generated files (N indicators; a CSV with 10 years × 3 series
# each), the yardsticks from bench_load_scale (yaml-cpp's event parser alone,
# a plain CSV field splitter), and `malkoll check` wall time and peak memory
# (best of 3). Last: the real Verksamhetsberättelse 2024 file.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bench_load_scale ] || { echo "bygg först: cmake --build build" >&2; exit 2; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

best_check() {  # prints "seconds peak_MiB" of the best of 3 runs
  local best_s=999999 best_m=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/t" build/malkoll check "$1" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r s m < "$work/t"
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_m=$m; fi
  done
  echo "$best_s $((best_m / 1024))"
}

printf "%-8s %-9s %-12s %-10s %-9s %-9s %-7s %s\n" N värden "check s" "topp MiB" "yaml-cpp" "csv" "ratio" "s/miljon värden"
for n in "${sizes[@]}"; do
  build/bench_load_scale "$n" "$work/$n" > "$work/y"
  ys=$(awk '$1=="yaml-cpp"{print $2}' "$work/y"); cs=$(awk '$1=="csv"{print $2}' "$work/y")
  read -r s m <<< "$(best_check "$work/$n/regler.yaml")"
  values=$((n * 30))
  awk -v n="$n" -v v="$values" -v s="$s" -v m="$m" -v y="$ys" -v c="$cs" 'BEGIN{
    printf "%-8d %-9d %-12.2f %-10d %-9.3f %-9.3f %-7.2f %.3f\n", n, v, s, m, y, c, s/(y+c), s/(v/1e6) }' | tr . ,
  rm -rf "${work:?}/$n"
done
read -r s m <<< "$(best_check rules/son/2024.yaml)"
echo "rules/son/2024.yaml: check ${s/./,} s, topp $m MiB"
