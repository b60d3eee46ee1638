#!/usr/bin/env bash
# Share benchmark: a pseudonymized export of N customers with five transforms (pseudonym, FF1 FPE,
# mask, generalize, date-shift; k-anonymity on three quasi-identifiers) against
#   - a plain Parquet copy of the same seven columns (read + write, no transforms, no privacy pass)
#     through the same Custodia reader/writer and the same number of threads, and
#   - with SHARE_DETAIL=1 also the same share job with the transforms replaced by keep (same two-pass
#     path: what the transforms themselves cost) and the CPU cost of each transform alone; off by
#     default, so that the default bench/run stays within its time budget.
# Medians of REPS runs; job times are the runs' own (report startedAt → finishedAt, no JVM start-up);
# peak RSS of each share JVM is measured with /usr/bin/time.
#
#   bench/share.sh [N=200000] [REPS=3] [HEAP=1g] [THREADS=2]
#
# Writes under bench/work/share-N (git-ignored; delete it afterwards). Data: the customers of
# `custodia sample-data --customers N --seed 1` (250,000 rows per file), shared with inventory and backup.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-200000}"; REPS="${2:-3}"; HEAP="${3:-1g}"; THREADS="${4:-2}"
WORK="${BENCH_DIR:-$ROOT/bench/work/share-$N}"
JDK="${CUSTODIA_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JDK/bin/java" ] || { echo "bench: no JDK 25 at $JDK (set CUSTODIA_JAVA_HOME)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
cd "$ROOT"

. "$ROOT/bench/lib.sh"
built "$ROOT/custodia"
# the launcher's extracted jar: the application's classes, its manifest naming every library under lib/
CP="$ROOT/target/app/custodia.jar"
[ -f "$CP" ] || { echo "bench: $CP is missing (./custodia extracts it on its first run)" >&2; exit 2; }
DETAIL="${SHARE_DETAIL:-0}"
mkdir -p "$WORK/jobs"
# ShareBench compiled once: a source-file launch compiles it again at every start (seconds per round);
# again only when it or the application changed
if ! [ "$WORK/classes/ShareBench.class" -nt bench/ShareBench.java ] || ! [ "$WORK/classes/ShareBench.class" -nt "$CP" ]; then
  rm -rf "$WORK/classes"
  "$JDK/bin/javac" -nowarn -d "$WORK/classes" -cp "$CP" bench/ShareBench.java
fi
JAVA=("$JDK/bin/java" "-Xms$HEAP" "-Xmx$HEAP" -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
      "-Dcustodia.log-dir=$WORK/var/logs" -cp "$CP:$WORK/classes")
SETTINGS=("--custodia.home=$WORK" "--custodia.threads=$THREADS")

# the customers of the sample company of N customers (bench/lib.sh): at the default size the company
# inventory reads and backup copies, made once for the three; the share job only reads it
SRC="$(company "$N" 1)"
if [ "$(readlink "$WORK/data" 2>/dev/null)" != "$SRC" ]; then rm -rf "$WORK/data"; ln -s "$SRC" "$WORK/data"; fi
prepared "$N customers in $WORK/data"
du -sh "$WORK/data/datasets/customers" | sed 's/^/   source: /'

cat > "$WORK/jobs/share-five.yaml" <<'YAML'
job: share
catalog: ../data/catalog.yaml
share:
  name: five
  recipient: {name: Bench Partner, id: bench-partner, country: CN}
  purpose: benchmark
  approval: BENCH-1
  source: {dataset: customers}
  date-shift: {max-days: 30}
  columns:
    - {column: customer_id, as: customer_token, transform: pseudonym}
    - {column: mobile, transform: fpe, format: mobile, keep-carrier-prefix: true}
    - {column: email, transform: mask, pattern: email}
    - {column: gender, transform: keep}
    - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 10}
    - {column: province, transform: keep}
    - {column: registered_at, transform: date-shift}
  privacy: {quasi-identifiers: [gender, age_band, province], k: 5, max-suppression: 5%}
YAML
cat > "$WORK/jobs/share-keep.yaml" <<'YAML'
job: share
catalog: ../data/catalog.yaml
share:
  name: keep
  recipient: {name: Bench Partner, id: bench-partner, country: CN}
  purpose: benchmark
  approval: BENCH-1
  source: {dataset: customers}
  columns:
    - {column: customer_id, transform: keep, override: {reason: benchmark baseline}}
    - {column: mobile, transform: keep, override: {reason: benchmark baseline}}
    - {column: email, transform: keep, override: {reason: benchmark baseline}}
    - {column: gender, transform: keep}
    - {column: birth_date, as: birth_year, transform: generalize, to: year}
    - {column: province, transform: keep}
    - {column: registered_at, transform: keep}
  privacy: {quasi-identifiers: [gender, birth_year, province], k: 5, max-suppression: 5%}
YAML
"${JAVA[@]}" io.custodia.cli.Main keys init "${SETTINGS[@]}" >/dev/null

job_seconds() { # report.json of the newest run of a share: finishedAt - startedAt
  local f; f="$(ls -t "$WORK"/reports/share/*/report.json | head -1)"
  python3 -c "import json,sys,datetime as d;r=json.load(open(sys.argv[1]));p=lambda s:d.datetime.fromisoformat(s.replace('Z','+00:00'));print('%.3f %s'%((p(r['finishedAt'])-p(r['startedAt'])).total_seconds(),r['facts'].get('published records','?')))" "$f"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# a fresh JobRepository, reports and exports: a run of an earlier invocation would be "already
# completed" (job_seconds would read its old report), and its published export would make the new
# run skip writing and then fail
rm -rf "$WORK/var/state" "$WORK/var/evidence" "$WORK/var/exports" "$WORK/reports"
declare -a COPY FIVE KEEP RSS_FIVE RSS_KEEP
for i in $(seq 1 "$REPS"); do
  rm -rf "$WORK/copy"
  line="$("${JAVA[@]}" ShareBench copy "$WORK/data" "$WORK/copy" "$THREADS")"
  COPY+=("$(echo "$line" | awk '{print $4}')")
  for kind in five $([ "$DETAIL" = 1 ] && echo keep); do
    date="2030-01-$(printf '%02d' "$i")"
    /usr/bin/time -f '%M' -o "$WORK/rss" "${JAVA[@]}" io.custodia.cli.Main run "$WORK/jobs/share-$kind.yaml" --date "$date" "${SETTINGS[@]}" >/dev/null 2>"$WORK/err" \
      || { cat "$WORK/err" >&2; exit 1; }
    read -r secs rows <<<"$(job_seconds)"
    rss_mb=$(( $(tail -1 "$WORK/rss") / 1024 ))
    if [ "$kind" = five ]; then FIVE+=("$secs"); RSS_FIVE+=("$rss_mb"); ROWS="$rows"; else KEEP+=("$secs"); RSS_KEEP+=("$rss_mb"); fi
  done
  echo "   run $i: copy ${COPY[-1]} s · share five transforms ${FIVE[-1]} s (${RSS_FIVE[-1]} MB RSS)$([ "$DETAIL" = 1 ] && echo " · share keep ${KEEP[-1]} s (${RSS_KEEP[-1]} MB RSS)")"
done
c=$(median "${COPY[@]}"); f=$(median "${FIVE[@]}"); k=$([ "$DETAIL" = 1 ] && median "${KEEP[@]}" || echo 0)
echo
echo "== $N customers, $THREADS threads, heap $HEAP, medians of $REPS (published by the five-transform share: $ROWS rows)"
awk -v n="$N" -v c="$c" -v f="$f" -v k="$k" -v rf="$(median "${RSS_FIVE[@]}")" -v rk="$( [ "$DETAIL" = 1 ] && median "${RSS_KEEP[@]}" || echo 0)" 'BEGIN {
  printf "plain Parquet copy (7 columns)          %8.2f s  %10.0f rows/s\n", c, n / c
  if (k > 0) printf "share, same path, transforms = keep     %8.2f s  %10.0f rows/s   peak RSS %d MB\n", k, n / k, rk
  printf "share, five transforms + k-anonymity    %8.2f s  %10.0f rows/s   peak RSS %d MB\n", f, n / f, rf
  printf "ratio five transforms / plain copy      %8.2f x\n", f / c
  if (k > 0) printf "ratio five transforms / keep (same path)%8.2f x\n", f / k
}'
awk -v n="$N" -v c="$c" -v f="$f" -v rf="$(median "${RSS_FIVE[@]}")" -v heap="$HEAP" 'BEGIN {
  printf "BENCH-RESULT {\"section\":\"share\",\"customers\":%d,\"custodia_seconds\":%.2f,\"custodia_rows_per_s\":%d,\"peer\":\"plain Parquet copy, same reader/writer\",\"peer_seconds\":%.2f,\"peer_rows_per_s\":%d,\"ratio_time\":%.2f,\"peak_rss_kb\":%d,\"heap\":\"%s\"}\n", n, f, n / f, c, n / c, f / c, rf * 1024, heap
}'
[ "$DETAIL" = 1 ] || exit 0
echo
M=$(( N < 200000 ? N : 200000 ))
echo "== CPU cost of each transform alone (one thread, $M values, thread CPU time)"
"${JAVA[@]}" ShareBench transforms "$M"
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg); the machine is shared, figures move with it)"
