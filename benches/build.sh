#!/usr/bin/env bash
# Times the whole build of the bundled example in release mode: median of N runs.
# Usage: benches/build.sh [RUNS] [PLAN.json]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
plan=${2:-data/brescia-2021-2023.json}
cargo build --release --quiet
bin=target/release/piano
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" build "$plan" -o "$out/warm" >/dev/null 2>&1   # warm the page cache
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" build "$plan" -o "$out/run$i" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
peak_kb=?
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$out/mem.txt" "$bin" build "$plan" -o "$out/mem" >/dev/null 2>&1
  peak_kb=$(tail -1 "$out/mem.txt")
fi
echo "piano build $plan: $runs esecuzioni, mediana ${median} ms (min ${sorted[0]} ms, max ${sorted[$((runs-1))]} ms), memoria di picco ${peak_kb} kB"
