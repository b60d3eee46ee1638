#!/usr/bin/env bash
# Backup benchmark: the nightly backup job (a full first set: every file encrypted to age objects,
# manifest signed, fsync'd) beside `restic backup` to a fresh repository, `age -r` on the same files
# one by one, and `dd conv=fdatasync` copies (the disk's write ceiling), REPS rounds alternating the
# order, medians. Data: the sample company from `custodia sample-data` (GEN_CUSTOMERS customers:
# Parquet, CSV, JSON Lines) plus random bulk files up to SIZE_MB. The last round's outputs are
# restored/decrypted and compared byte for byte with the sources.
#
#   bench/backup.sh [SIZE_MB=1024] [REPS=3]
#   env: CUSTODIA_HEAP (default 1g), GEN_CUSTOMERS (default SIZE_MB*1000, at most 1,000,000),
#        BULK_FILE_MB (default 64; BULK_FILE_MB=2048 CUSTODIA_HEAP=256m bench/backup.sh 2048 1 is the
#        issue's bounded-memory check: one 2 GiB file through a 256 MiB heap)
#
# Prints one line `BENCH-RESULT {json}` for bench/run. Work files under bench/work (git-ignored).
# Notes: Custodia's and restic's times include making their output durable (fsync); age's does not.
# Custodia's figure is the whole command (JVM and Spring start-up included); the encrypt step alone
# is reported too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE="${1:-1024}"; REPS="${2:-3}"
HEAP="${CUSTODIA_HEAP:-1g}"; export CUSTODIA_HEAP="$HEAP"
# at the default size, the inventory section's company of 1,000,000 customers (generated once for both)
GEN="${GEN_CUSTOMERS:-$(( SIZE * 1000 < 1000000 ? SIZE * 1000 : 1000000 ))}"
BULK_MB="${BULK_FILE_MB:-64}"
WORK="$ROOT/bench/work/backup-$SIZE"
C="$ROOT/custodia"
. "$ROOT/bench/lib.sh"
THREADS="$(nproc)"
for tool in age restic dd /usr/bin/time python3; do command -v "$tool" >/dev/null || { echo "bench/backup.sh: $tool is needed" >&2; exit 2; }; done
mkdir -p "$WORK"
built "$C"

# ---- data -------------------------------------------------------------------------------------
if [ ! -f "$WORK/data/.complete" ]; then
  rm -rf "$WORK/data"; mkdir -p "$WORK/data/bulk"
  cp -r "$(company "$GEN" 1)" "$WORK/data/sample"
  rm -f "$WORK/data/sample/.complete"
  have=$(du -sm "$WORK/data/sample" | cut -f1)
  n=0
  while [ $(( have + n * BULK_MB )) -lt "$SIZE" ]; do
    n=$((n + 1))
    { openssl enc -aes-128-ctr -nosalt -pass "pass:bulk-$n" -in /dev/zero 2>/dev/null || true; } | head -c "$(( BULK_MB * 1048576 ))" > "$WORK/data/bulk/bulk-$n.bin"
  done
  touch "$WORK/data/.complete"
fi
prepared "the backup data in $WORK/data"
[ -n "$(ls -A "$WORK/data/bulk")" ] || echo "placeholder so the extra path exists" > "$WORK/data/bulk/empty.txt"
FILES=()
while IFS= read -r -d '' f; do FILES+=("$f"); done < <(cd "$WORK/data" && find . -type f ! -name '.*' -print0 | sort -z)
BYTES=$(cd "$WORK/data" && find . -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END{print s}')
MB=$(python3 -c "print(round($BYTES/1e6, 1))")
echo "data: ${#FILES[@]} files, $MB MB ($GEN customers of sample data + bulk files of $BULK_MB MiB) in $WORK/data"

"$C" keys init --custodia.keys-dir="$WORK/keys" >/dev/null
RECIPIENT=$(grep -v '^#' "$WORK/keys/backup-recipient.txt" | head -1)
export RESTIC_PASSWORD=bench

timed() { # command… → "seconds rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v -o "$out" "$@" >>"$WORK/stdout.log" 2>>"$WORK/stderr.log"
  local s; s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out")
  local r; r=$(awk -F': ' '/Maximum resident set size/{print $2}' "$out")
  rm -f "$out"; echo "$s $r"
}
settings() { echo "--custodia.home=$WORK/h$1 --custodia.state-dir=$WORK/h$1/state --custodia.keys-dir=$WORK/keys --custodia.evidence-dir=$WORK/h$1/evidence --custodia.reports-dir=$WORK/h$1/reports --custodia.threads=$THREADS"; }

run_custodia() {
  local i=$1; rm -rf "$WORK/h$i" "$WORK/out/custodia-$i"; mkdir -p "$WORK/h$i" "$WORK/jobs"
  printf 'job: backup\ncatalog: ../data/sample/catalog.yaml\nbackup:\n  destination: ../out/custodia-%s\n  extra-paths: [../data/bulk]\n' "$i" > "$WORK/jobs/backup-$i.yaml"
  # shellcheck disable=SC2046
  read -r s r < <(timed "$C" run "$WORK/jobs/backup-$i.yaml" --date 2026-11-25 $(settings "$i"))
  cus+=("$s"); rss+=("$r")
  step+=("$(python3 -c "import json,glob; print(json.load(open(glob.glob('$WORK/h$i/reports/backup/*/report.json')[0]))['facts'].get('encrypt step seconds', 'nan'))")")
}
run_restic() {
  local i=$1; rm -rf "$WORK/out/restic-$i"; restic init --repo "$WORK/out/restic-$i" >/dev/null 2>&1
  read -r s r < <(timed restic backup --repo "$WORK/out/restic-$i" -q "$WORK/data"); res+=("$s")
}
run_age() {
  local i=$1; rm -rf "$WORK/out/age-$i"; mkdir -p "$WORK/out/age-$i"
  (cd "$WORK/data" && find . -type d -exec mkdir -p "$WORK/out/age-$i/{}" \;)
  read -r s r < <(timed bash -c 'cd "$1/data"; shift; out="$1"; r="$2"; shift 2; for f in "$@"; do age -r "$r" -o "$out/$f.age" "$f"; done' _ "$WORK" "$WORK/out/age-$i" "$RECIPIENT" "${FILES[@]}")
  ag+=("$s")
}
run_dd() {
  local i=$1; rm -rf "$WORK/out/dd-$i"; mkdir -p "$WORK/out/dd-$i"
  (cd "$WORK/data" && find . -type d -exec mkdir -p "$WORK/out/dd-$i/{}" \;)
  read -r s r < <(timed bash -c 'cd "$1/data"; shift; out="$1"; shift; for f in "$@"; do dd if="$f" of="$out/$f" bs=1M conv=fdatasync status=none; done' _ "$WORK" "$WORK/out/dd-$i" "${FILES[@]}")
  dds+=("$s")
}

# shellcheck disable=SC2046
START=$(timed "$C" executions $(settings 0) | cut -d' ' -f1)   # JVM + Spring start-up, no work
cat "$WORK"/data/sample/datasets/*/* "$WORK"/data/bulk/* > /dev/null 2>&1 || true   # page cache warm for everyone
cus=(); step=(); rss=(); res=(); ag=(); dds=()
TOOLS=(custodia restic age dd)
for i in $(seq 1 "$REPS"); do
  for k in 0 1 2 3; do
    t=${TOOLS[$(( (k + i - 1) % 4 ))]}
    "run_$t" "$i"
  done
  if [ "$i" -lt "$REPS" ]; then rm -rf "$WORK/out/custodia-$i" "$WORK/out/restic-$i" "$WORK/out/age-$i" "$WORK/out/dd-$i" "$WORK/h$i"; fi
done

# ---- the last round's outputs give back the sources, byte for byte ----------------------------
L=$REPS
rm -rf "$WORK/restore"; mkdir -p "$WORK/restore"
# the peers' outputs are checked beside Custodia's restore (nothing here is timed; it halves the wait)
check_peers() {
  restic restore latest --repo "$WORK/out/restic-$L" --target "$WORK/restore/restic" >/dev/null
  diff -r -x '.complete' "$WORK/data" "$WORK/restore/restic$WORK/data" || { echo "restic: the restored tree differs from the sources" >&2; exit 1; }
  echo "restic: restored tree equals the sources"
  for f in "${FILES[@]}"; do age -d -i "$WORK/keys/backup-identity.txt" "$WORK/out/age-$L/$f.age" | cmp -s - "$WORK/data/$f" || { echo "age: $f differs" >&2; exit 1; }; done
  echo "age: ${#FILES[@]} decrypted files equal their sources"
  for f in "${FILES[@]}"; do cmp -s "$WORK/out/dd-$L/$f" "$WORK/data/$f" || { echo "dd: $f differs" >&2; exit 1; }; done
  echo "dd: ${#FILES[@]} copies equal their sources"
}
check_peers > "$WORK/peers-check.log" 2>&1 &
PEERS=$!
# shellcheck disable=SC2046
"$C" restore latest --to "$WORK/restore/custodia" --job "$WORK/jobs/backup-$L.yaml" $(settings "$L") >>"$WORK/stdout.log" 2>>"$WORK/stderr.log"
python3 - "$WORK" "$L" <<'PY'
import glob, hashlib, json, os, sys, urllib.parse
work, last = sys.argv[1:]
m = json.load(open(glob.glob(f"{work}/out/custodia-{last}/sets/*/manifest.json")[0]))
def sha(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""): h.update(b)
    return h.hexdigest()
for e in m["files"]:
    src = urllib.parse.urlparse(e["source"]).path
    assert sha(src) == sha(f"{work}/restore/custodia/{e['path']}") == e["sha256"], e["path"]
print(f"custodia: {len(m['files'])} restored files equal their sources")
PY
if ! wait "$PEERS"; then cat "$WORK/peers-check.log" >&2; exit 1; fi
cat "$WORK/peers-check.log"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
python3 - "$BYTES" "$(median "${cus[@]}")" "$(median "${step[@]}")" "$(median "${res[@]}")" "$(median "${ag[@]}")" "$(median "${dds[@]}")" \
  "$(median "${rss[@]}")" "$HEAP" "$START" "${#FILES[@]}" "$REPS" "$THREADS" "${cus[*]}" "${res[*]}" "${ag[*]}" "${dds[*]}" <<'PY'
import json, sys
b, cus, step, res, ag, dd, rss, heap, start, files, reps, threads, *raw = sys.argv[1:]
b = int(b); cus, step, res, ag, dd, start = map(float, (cus, step, res, ag, dd, start))
mbs = lambda t: round(b / 1e6 / t, 1)
r = {"section": "backup", "bytes": b, "files": int(files), "rounds": int(reps), "threads": int(threads),
     "custodia_seconds": cus, "custodia_mb_per_s": mbs(cus), "custodia_encrypt_step_seconds": step,
     "custodia_encrypt_step_mb_per_s": mbs(step), "peer": "restic backup (fresh repo)", "peer_seconds": res, "peer_mb_per_s": mbs(res),
     "ratio_time": round(cus / res, 2), "peak_rss_kb": int(rss), "heap": heap, "jvm_startup_seconds": start, "startup_share": round(start / cus, 3),
     "extra_rows": [
         {"peer": "age -r (per file, no fsync)", "figure": f"{mbs(ag)} MB/s", "ratio": round(cus / ag, 2)},
         {"peer": "dd conv=fdatasync (disk write ceiling)", "figure": f"{mbs(dd)} MB/s", "ratio": round(cus / dd, 2)},
         {"peer": "Custodia encrypt step alone (no start-up)", "figure": f"{mbs(step)} MB/s", "ratio": round(step / res, 2)}],
     "raw_seconds": {"custodia": raw[0], "restic": raw[1], "age": raw[2], "dd": raw[3]}}
print(f"backup of {b/1e6:.0f} MB in {files} files, medians of {reps}: Custodia {cus:.1f} s ({mbs(cus)} MB/s; encrypt step {step} s = {mbs(step)} MB/s), "
      f"restic {res:.1f} s ({mbs(res)} MB/s), age -r {ag:.1f} s ({mbs(ag)} MB/s), dd fdatasync {dd:.1f} s ({mbs(dd)} MB/s); "
      f"time ratios Custodia/restic {cus/res:.2f}, /age {cus/ag:.2f}, /dd {cus/dd:.2f}; peak RSS {int(rss)//1024} MB with -Xmx{heap}; start-up {start:.1f} s")
print("BENCH-RESULT " + json.dumps(r))
PY
