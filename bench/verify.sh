#!/usr/bin/env bash
# Verify benchmark: the full recovery drill (`job: verify`, sample: all — decrypt every object of a
# set, check every plaintext hash against the signed manifest, count the rows of every Parquet file)
# beside `restic check --read-data` on a repository of the same files and `age -d` of every file age
# encrypted, REPS rounds alternating, medians. It drills the outputs bench/backup.sh left in its last
# round (bench/work/backup-SIZE/out), so run that first (bench/run does); if they are missing it
# runs `bench/backup.sh SIZE 1` to make them.
#
#   bench/verify.sh [SIZE_MB=1024] [REPS=3]
#
# Prints one line `BENCH-RESULT {json}` for bench/run. Checks its own outputs: every round's drill
# report says every object was checked and none failed; restic and age exit 0 on every file.
# All three read from the page cache when it holds the data (24 GiB here): this measures the
# decrypt-and-check work, not the disk.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE="${1:-1024}"; REPS="${2:-3}"
HEAP="${CUSTODIA_HEAP:-1g}"; export CUSTODIA_HEAP="$HEAP"
BACKUP="$ROOT/bench/work/backup-$SIZE"
WORK="$ROOT/bench/work/verify-$SIZE"
C="$ROOT/custodia"
THREADS="$(nproc)"
for tool in age restic /usr/bin/time python3; do command -v "$tool" >/dev/null || { echo "bench/verify.sh: $tool is needed" >&2; exit 2; }; done
last() { ls -d "$BACKUP"/out/"$1"-* 2>/dev/null | sort -V | tail -1; }
if [ -z "$(last custodia)" ] || [ -z "$(last restic)" ] || [ -z "$(last age)" ]; then
  echo "no backup outputs in $BACKUP/out; running bench/backup.sh $SIZE 1 to make them…" >&2
  "$ROOT/bench/backup.sh" "$SIZE" 1 >&2
fi
SET_DIR="$(last custodia)"; REPO="$(last restic)"; AGE_DIR="$(last age)"
IDENTITY="$BACKUP/keys/backup-identity.txt"
BYTES=$(find "$BACKUP/data" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END{print s}')
NFILES=$(find "$BACKUP/data" -type f ! -name '.*' | wc -l)
rm -rf "$WORK"; mkdir -p "$WORK/jobs"
printf 'job: verify\ncatalog: %s\nverify:\n  destination: %s\n  sample: all\n' "$BACKUP/data/sample/catalog.yaml" "$SET_DIR" > "$WORK/jobs/drill.yaml"
export RESTIC_PASSWORD=bench
. "$ROOT/bench/lib.sh"
built "$C"

timed() { # command… → "seconds rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v -o "$out" "$@" >>"$WORK/stdout.log" 2>>"$WORK/stderr.log" || { echo "bench/verify.sh: '$*' failed; see $WORK/stderr.log" >&2; rm -f "$out"; exit 1; }
  local s; s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out")
  local r; r=$(awk -F': ' '/Maximum resident set size/{print $2}' "$out")
  rm -f "$out"; echo "$s $r"
}
settings() { echo "--custodia.home=$WORK/h$1 --custodia.state-dir=$WORK/h$1/state --custodia.keys-dir=$BACKUP/keys --custodia.evidence-dir=$WORK/h$1/evidence --custodia.reports-dir=$WORK/h$1/reports --custodia.threads=$THREADS"; }

run_custodia() {
  local i=$1; rm -rf "$WORK/h$i"; mkdir -p "$WORK/h$i"
  # shellcheck disable=SC2046
  read -r s r < <(timed "$C" run "$WORK/jobs/drill.yaml" --date 2026-11-25 $(settings "$i")); cus+=("$s"); rss+=("$r")
  python3 - "$WORK/h$i" <<'PY' >> "$WORK/checks.log"
import glob, json, sys
rep = json.load(open(glob.glob(sys.argv[1] + "/reports/verify/*/report.json")[0]))
text = json.dumps(rep)
facts = rep.get("facts", {})
assert facts.get("result") == "passed", "the drill did not pass on an untouched set: %s" % facts.get("result")
assert facts.get("objects checked") == facts.get("objects in set") and facts.get("objects in set", 0) > 0, \
    "the drill checked %s of %s objects" % (facts.get("objects checked"), facts.get("objects in set"))
assert facts.get("objects failed") == 0, "objects failed: %s" % facts.get("objects failed")
print("custodia drill: %s of %s objects decrypted and checked, %s Parquet rows read, passed"
      % (facts["objects checked"], facts["objects in set"], facts.get("Parquet rows read")))
PY
}
run_restic() { read -r s r < <(timed restic check --read-data --repo "$REPO" -q); res+=("$s"); }
run_age() {
  read -r s r < <(timed bash -c 'id="$1"; shift; find "$@" -type f -name "*.age" -print0 | xargs -0 -n 1 sh -c "age -d -i \"$id\" \"\$0\" > /dev/null"' _ "$IDENTITY" "$AGE_DIR"); ag+=("$s")
}

# shellcheck disable=SC2046
START=$(timed "$C" executions $(settings 0) | cut -d' ' -f1)   # JVM + Spring start-up, no work
cat "$SET_DIR"/objects/*/* "$REPO"/data/*/* > /dev/null 2>&1 || true   # page cache warm for everyone
cus=(); rss=(); res=(); ag=()
TOOLS=(custodia restic age)
for i in $(seq 1 "$REPS"); do
  for k in 0 1 2; do "run_${TOOLS[$(( (k + i - 1) % 3 ))]}" "$i"; done
done
tail -1 "$WORK/checks.log"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
python3 - "$BYTES" "$NFILES" "$(median "${cus[@]}")" "$(median "${res[@]}")" "$(median "${ag[@]}")" "$(median "${rss[@]}")" "$HEAP" "$REPS" "$START" "${cus[*]}" "${res[*]}" "${ag[*]}" <<'PY'
import json, sys
b, files, cus, res, ag, rss, heap, reps, start, *raw = sys.argv[1:]
b = int(b); cus, res, ag, start = map(float, (cus, res, ag, start))
mbs = lambda t: round(b / 1e6 / t, 1)
r = {"section": "verify", "bytes": b, "files": int(files), "rounds": int(reps), "custodia_seconds": cus, "custodia_mb_per_s": mbs(cus),
     "peer": "restic check --read-data", "peer_seconds": res, "peer_mb_per_s": mbs(res), "ratio_time": round(cus / res, 2),
     "peak_rss_kb": int(rss), "heap": heap, "jvm_startup_seconds": start, "startup_share": round(start / cus, 3),
     "extra_rows": [{"peer": "age -d of every file (no hash check)", "figure": f"{mbs(ag)} MB/s", "ratio": round(cus / ag, 2)}],
     "raw_seconds": {"custodia": raw[0], "restic": raw[1], "age": raw[2]}}
print(f"full drill of {b/1e6:.0f} MB in {files} files, medians of {reps}: Custodia {cus:.1f} s ({mbs(cus)} MB/s), "
      f"restic check --read-data {res:.1f} s ({mbs(res)} MB/s), age -d {ag:.1f} s ({mbs(ag)} MB/s); "
      f"time ratios Custodia/restic {cus/res:.2f}, /age {cus/ag:.2f}; peak RSS {int(rss)//1024} MB with -Xmx{heap}; start-up {start:.1f} s")
print("BENCH-RESULT " + json.dumps(r))
PY
