#!/usr/bin/env bash
# Every report format at scale (docs/arkitektur.md, Rapporterna i stor skala):
#   bash bench/report_scale.sh [N ...]        (default: 1000 10000 100000)
# For each N: the generated files of bench_load_scale (N indicators, a CSV
# with 10 years × 3 series = 30 values each), then `malkoll check` and
# `malkoll assess --format F -o FILE` for md, html, csv and json: CPU seconds
# (user + system) per run, peak memory, microseconds per value and the
# report's size. A small N is run many times in a row and the CPU time
# divided (so /usr/bin/time's 10 ms resolution does not decide the figure):
# 100 runs at 1 000, 10 at 10 000, 1 above; the best of 3 such batches.
# MALKOLL_FORMATS="md json" picks formats; MALKOLL_BIN another binary (default build/malkoll).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bench_load_scale ] || { echo "bygg först: cmake --build build" >&2; exit 2; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
read -r -a formats <<< "${MALKOLL_FORMATS:-md html csv json}"
bin=${MALKOLL_BIN:-build/malkoll}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

best() {  # runs "$@" $1 times in a row, 3 batches; prints "cpu_seconds_per_run peak_MiB" of the best batch
  local repeat=$1; shift
  local best_s=999999 best_m=0
  for ((i = 0; i < 3; ++i)); do
    /usr/bin/time -f "%U %S %M" -o "$work/t" bash -c 'for ((k = 0; k < $0; ++k)); do "$@" > /dev/null || exit 1; done' "$repeat" "$@" \
      2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r u s m < "$work/t"
    t=$(awk -v u="$u" -v s="$s" -v r="$repeat" 'BEGIN{print (u + s) / r}')
    if awk "BEGIN{exit !($t < $best_s)}"; then best_s=$t; best_m=$m; fi
  done
  echo "$best_s $((best_m / 1024))"
}

printf "%-7s %-8s %-6s %-9s %-9s %-12s %s\n" N värden format "cpu s" "topp MiB" "µs per värde" "storlek MB"
for n in "${sizes[@]}"; do
  build/bench_load_scale "$n" "$work/$n" > /dev/null
  runs=1; [ "$n" -gt 10000 ] || runs=10; [ "$n" -gt 1000 ] || runs=100
  values=$((n * 30))
  rules="$work/$n/regler.yaml"
  read -r s m <<< "$(best "$runs" "$bin" check "$rules")"
  awk -v n="$n" -v v="$values" -v s="$s" -v m="$m" 'BEGIN{
    printf "%-7d %-8d %-6s %-9.3f %-9d %-12.2f %s\n", n, v, "check", s, m, s * 1e6 / v, "–" }' | tr . ,
  for f in "${formats[@]}"; do
    read -r s m <<< "$(best "$runs" "$bin" assess "$rules" --format "$f" -o "$work/rapport.$f")"
    size=$(stat -c %s "$work/rapport.$f")
    awk -v n="$n" -v v="$values" -v f="$f" -v s="$s" -v m="$m" -v z="$size" 'BEGIN{
      printf "%-7d %-8d %-6s %-9.3f %-9d %-12.2f %.1f\n", n, v, f, s, m, s * 1e6 / v, z / 1e6 }' | tr . ,
    rm -f "$work/rapport.$f"
  done
  rm -rf "${work:?}/$n"
done
