#!/usr/bin/env bash
# Inventory with 1 vs 2 partition threads (custodia.threads) on generated data: the job's own time
# (start to end of the execution, from the JobRepository), not JVM start-up.
#   bench/inventory-threads.sh [CUSTOMERS] [REPEATS]     default 200000 customers, 3 repeats
# Writes everything under a temporary directory and removes it at the end. Needs ~150 MB per
# 200,000 customers. Run it on an otherwise idle machine; the load average is printed with the figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-200000}"
R="${2:-3}"
W="$(mktemp -d -t custodia-bench-XXXXXX)"
trap 'rm -rf "$W"' EXIT
C="$ROOT/custodia"

echo "generating $N customers (seed 20261125) in $W/data …" >&2
"$C" sample-data --customers "$N" --seed 20261125 --out "$W/data" >/dev/null
mkdir -p "$W/jobs"
printf 'job: inventory\ncatalog: ../data/catalog.yaml\n' > "$W/jobs/inventory.yaml"
"$C" keys init --custodia.keys-dir="$W/keys" >/dev/null
du -sh "$W/data" | sed 's/^/data: /' >&2

settings() { echo --custodia.home="$W" --custodia.keys-dir="$W/keys" --custodia.evidence-dir="$W/evidence-$1" \
  --custodia.reports-dir="$W/reports-$1" --custodia.state-dir="$W/state-$1"; }

echo "threads repeat job_seconds wall_seconds load_avg"
for r in $(seq 1 "$R"); do
  for t in 1 2; do
    s="$(settings "$t-$r")"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$C" run "$W/jobs/inventory.yaml" --date 2026-11-01 --custodia.threads="$t" $s >/dev/null
    end=$(date +%s.%N)
    # shellcheck disable=SC2086
    job=$("$C" executions --limit 1 $s | awk 'NR==2 {print $6}')
    printf '%s %s %s %.1f %s\n' "$t" "$r" "$job" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
