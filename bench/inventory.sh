#!/usr/bin/env bash
# Inventory benchmark: the inventory job on the sample company at N customers (default 1,000,000)
# against a plain read of the same files through the same reader (`custodia validate --read`),
# alternating, REPS rounds, medians; peak RSS of each Custodia run from /usr/bin/time -v.
#
#   bench/inventory.sh [N=1000000] [REPS=3]
#
# Prints one line `BENCH-RESULT {json}` for bench/run. Work files under bench/work (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000000}"; REPS="${2:-3}"
WORK="$ROOT/bench/work/inventory-$N"
HEAP="${CUSTODIA_HEAP:-1g}"
export CUSTODIA_HEAP="$HEAP"
C="$ROOT/custodia"
SET=("--custodia.home=$WORK" "--custodia.state-dir=$WORK/var/state")
mkdir -p "$WORK/jobs"
. "$ROOT/bench/lib.sh"
built "$C"
DATA=$(company "$N" 1)   # read only: shared with the backup section
prepared "the sample company of $N customers in $DATA"
printf 'job: inventory\ncatalog: %s/catalog.yaml\n' "$DATA" > "$WORK/jobs/inventory.yaml"
"$C" keys init "${SET[@]}" >/dev/null

timed() { # label, command… → prints "seconds rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v -o "$out" "$@" >"$WORK/stdout.log" 2>>"$WORK/stderr.log"
  local s; s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out")
  local r; r=$(awk -F': ' '/Maximum resident set size/{print $2}' "$out")
  rm -f "$out"; echo "$s $r"
}
START=$(timed "$C" executions "${SET[@]}" | cut -d' ' -f1)   # JVM + Spring start-up, no work
# a fresh JobRepository, so that no run of an earlier invocation is "already completed" (a no-op
# that would time nothing) or left STARTED by a killed one
rm -rf "$WORK/var/state" "$WORK/var/evidence" "$WORK/reports"
inv=(); plain=(); rss=()
for i in $(seq 1 "$REPS"); do
  read -r s r < <(timed "$C" run "$WORK/jobs/inventory.yaml" --date "2030-01-0$i" "${SET[@]}"); inv+=("$s"); rss+=("$r")
  grep -q "^execution .*: COMPLETED" "$WORK/stdout.log" || { echo "bench: inventory round $i did not complete:" >&2; cat "$WORK/stdout.log" >&2; tail -3 "$WORK/stderr.log" >&2; exit 1; }
  read -r s r < <(timed "$C" validate --read "$WORK/jobs/inventory.yaml" "${SET[@]}"); plain+=("$s")
  # the rows the plain read counted (every round reads the same files)
  ROWS=$(awk '/rows read/{gsub(",","",$2); s+=$2} END{print s+0}' "$WORK/stdout.log")
  [ "$ROWS" -gt 0 ] || { echo "bench: the plain read of round $i read no rows:" >&2; cat "$WORK/stdout.log" >&2; exit 1; }
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
MI=$(median "${inv[@]}"); MP=$(median "${plain[@]}"); MR=$(median "${rss[@]}")
python3 - "$N" "$ROWS" "$MI" "$MP" "$MR" "$HEAP" "$START" <<'PY'
import json, sys
n, rows, inv, plain, rss, heap, start = sys.argv[1:]
rows, inv, plain, start = int(rows), float(inv), float(plain), float(start)
r = {"section": "inventory", "customers": int(n), "rows": rows,
     "custodia_seconds": inv, "custodia_rows_per_s": round(rows / inv), "peer": "plain read (validate --read)",
     "peer_seconds": plain, "peer_rows_per_s": round(rows / plain), "ratio_time": round(inv / plain, 2),
     "peak_rss_kb": int(rss), "heap": heap, "jvm_startup_seconds": start, "startup_share": round(start / inv, 3)}
print(f"inventory of {rows:,} rows: {r['custodia_rows_per_s']:,} rows/s vs plain read {r['peer_rows_per_s']:,} rows/s "
      f"(time ratio {r['ratio_time']}), peak RSS {int(rss)//1024} MB with -Xmx{heap}, start-up {start:.1f} s of {inv:.1f} s")
print("BENCH-RESULT " + json.dumps(r))
PY
