#!/usr/bin/env bash
# Purge benchmark: the whole purge job — plan (fingerprint and read every row), rewrite the surviving
# rows, verify, swap, 3-pass overwrite (0x00, 0xFF, random) of every old file with fsync after each
# pass and an O_DIRECT read-back, truncate, delete, signed certificate — on a sample company whose
# purgeable data files total at least SIZE_MB, against `shred -n 3 -u` on one file of the same total
# size, in the same run, alternating, REPS rounds, medians. Every round starts from a fresh copy.
#
#   bench/purge.sh [SIZE_MB=1024] [REPS=3]
#
# Prints one line `BENCH-RESULT {json}` for bench/run. Work files under bench/work (git-ignored).
# Checks its own output: every round's certificate verifies with openssl and destroys the same rows.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${1:-1024}"; REPS="${2:-3}"
WORK="$ROOT/bench/work/purge-$SIZE_MB"
HEAP="${CUSTODIA_HEAP:-1g}"
export CUSTODIA_HEAP="$HEAP"
C="$ROOT/custodia"
DATE=2026-11-25
DATASETS="customers orders events consents enquiries"
mkdir -p "$WORK"
# ~2.44 MB of purgeable Parquet per 10,000 sample customers in 1,000,000-row files (1.074 GB for 4,403,200 customers,
# 2026-12-04; 2.6 MB in the committed sample's small files); 2 % spare
N=$(( SIZE_MB * 4400 ))
# Files of up to 1,000,000 rows (12 MB of events, 45 MB of customers at the default size): nearer what
# a data lake holds than 250,000-row files of 3-5 MB, whose per-file costs (a partition step, four
# journal entries, a subject log, footers, fsyncs) made the same purge ~20 % slower (2026-12-04:
# 86-95 s for 68 files against 106-121 s for 268, same bytes and rows). ROWS_PER_FILE overrides.
ROWS="${ROWS_PER_FILE:-1000000}"
. "$ROOT/bench/lib.sh"
built "$C"
DATA=$(company "$N" 7 "$ROWS")   # every round purges a fresh copy of it
BYTES=0
for d in $DATASETS; do BYTES=$(( BYTES + $(find "$DATA/datasets/$d" -type f -name '*.parquet' -printf '%s\n' | awk '{s+=$1} END{print s+0}') )); done
FILES=$(for d in $DATASETS; do find "$DATA/datasets/$d" -type f -name '*.parquet'; done | wc -l)
if [ "$BYTES" -lt $(( SIZE_MB * 1024 * 1024 )) ]; then
  echo "bench/purge: the generated dataset has $BYTES bytes, less than $SIZE_MB MiB; raise the customers-per-MB factor" >&2; exit 1
fi
prepared "$FILES files, $BYTES bytes of purgeable Parquet in $DATA"

timed() { # command… → prints "seconds rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v -o "$out" "$@" >/dev/null 2>>"$WORK/stderr.log"
  local s; s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out")
  local r; r=$(awk -F': ' '/Maximum resident set size/{print $2}' "$out")
  rm -f "$out"; echo "$s $r"
}

ROUND="$WORK/round"
SET=("--custodia.home=$ROUND" "--custodia.state-dir=$ROUND/var/state")
# the keys of every round: made once (a JVM start), copied into each fresh round
KEYS="$WORK/keys"
rm -rf "$KEYS"; "$C" keys init --custodia.keys-dir="$KEYS" >/dev/null
fresh_round() {
  rm -rf "$ROUND"; mkdir -p "$ROUND/jobs" "$ROUND/var"
  # the company without its egress gateway log (477 MB at the default size), which purge never reads
  mkdir -p "$ROUND/sample-data/datasets"
  cp "$DATA/catalog.yaml" "$DATA/README.md" "$ROUND/sample-data/"
  for d in "$DATA"/datasets/*; do [ "$(basename "$d")" = egress ] || cp -r "$d" "$ROUND/sample-data/datasets/"; done
  cp -a "$KEYS" "$ROUND/var/keys"
  printf 'job: purge\ncatalog: ../sample-data/catalog.yaml\npurge:\n  auto-approve: [policy, erasure-requests]\n' > "$ROUND/jobs/purge.yaml"
  sync
}
rm -rf "$ROUND"; mkdir -p "$ROUND"
START=$(timed "$C" executions "${SET[@]}" | cut -d' ' -f1)   # JVM + Spring start-up, no work (no data needed)

purge=(); shred_s=(); rss=(); wipe=(); destroyed=""
for i in $(seq 1 "$REPS"); do
  fresh_round
  read -r s r < <(timed "$C" run "$ROUND/jobs/purge.yaml" --date "$DATE" "${SET[@]}"); purge+=("$s"); rss+=("$r")
  cert=$(ls -d "$ROUND"/var/evidence/certificates/DC-* | head -1)
  openssl pkeyutl -verify -pubin -inkey "$ROUND/var/keys/signing.pub" -rawin -in "$cert/certificate.json" \
      -sigfile "$cert/certificate.sig" >/dev/null || { echo "bench/purge: round $i's certificate does not verify" >&2; exit 1; }
  q=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["destructionRecord"]["quantity"])' "$cert/certificate.json")
  if [ -n "$destroyed" ] && [ "$q" != "$destroyed" ]; then echo "bench/purge: rounds disagree: $q vs $destroyed" >&2; exit 1; fi
  destroyed="$q"; cp "$cert/certificate.json" "$WORK/certificate.json"
  # the overwrite alone (3 passes, fsyncs, read-back, truncate, delete), summed over files from the certificate's times
  wipe+=("$(python3 -c '
import json, sys, datetime
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
c = json.load(open(sys.argv[1]))
print(round(sum((t(f["destroyedAt"]) - t(f["swappedAt"])).total_seconds() for f in c["files"]), 3))' "$cert/certificate.json")")
  # incompressible bytes, as fast as the disk takes them (AES-CTR keystream; /dev/urandom is slower)
  { openssl enc -aes-128-ctr -nosalt -pass "pass:shred-$i" -in /dev/zero 2>/dev/null || true; } | head -c "$BYTES" > "$WORK/shred.bin"; sync
  read -r s r < <(timed shred -n 3 -u "$WORK/shred.bin"); shred_s+=("$s")
done
rm -rf "$ROUND"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
MP=$(median "${purge[@]}"); MS=$(median "${shred_s[@]}"); MR=$(median "${rss[@]}"); MW=$(median "${wipe[@]}")
python3 - "$SIZE_MB" "$BYTES" "$FILES" "$MP" "$MS" "$MR" "$HEAP" "$START" "$WORK/certificate.json" "${purge[*]}" "${shred_s[*]}" "$MW" <<'PY'
import json, sys
size_mb, size, files, p, s, rss, heap, start, cert, rounds_p, rounds_s, w = sys.argv[1:]
size, files, p, s, start, w = int(size), int(files), float(p), float(s), float(start), float(w)
c = json.load(open(cert))
overwritten = sum(f["sizeBytes"] for f in c["files"] if f["verified"])
mb = size / 1e6
r = {"section": "purge", "dataset_bytes": size, "dataset_files": files, "files_destroyed": len(c["files"]),
     "bytes_overwritten_and_verified": overwritten, "quantity": c["destructionRecord"]["quantity"],
     "custodia_seconds": p, "custodia_mb_per_s": round(mb / p, 1),
     "peer": "shred -n 3 -u (one file of the same total size)", "peer_seconds": s, "peer_mb_per_s": round(mb / s, 1),
     "ratio_time": round(p / s, 2), "rounds_custodia": [float(x) for x in rounds_p.split()],
     "rounds_peer": [float(x) for x in rounds_s.split()], "peak_rss_kb": int(rss), "heap": heap,
     "jvm_startup_seconds": start, "startup_share": round(start / p, 3),
     "overwrite_seconds_summed_over_files": w, "overwrite_ratio_to_shred": round(w / s, 2),
     "extra_rows": [{"peer": "overwrite step alone (3 passes + fsyncs + O_DIRECT read-back + truncate + delete, summed over files)",
                     "figure": f"{w:.1f} s, {mb / w:.1f} MB/s", "ratio": round(w / s, 2)}]}
print(f"purge of {size/2**20:,.0f} MiB in {files} files ({r['quantity']}): {p:.1f} s ({r['custodia_mb_per_s']} MB/s) vs "
      f"shred -n 3 on {size/2**20:,.0f} MiB: {s:.1f} s ({r['peer_mb_per_s']} MB/s); time ratio {r['ratio_time']}; "
      f"peak RSS {int(rss)//1024} MB with -Xmx{heap}; start-up {start:.1f} s; the overwrite step alone {w:.1f} s "
      f"(summed over files; ratio to shred {r['overwrite_ratio_to_shred']})")
print("BENCH-RESULT " + json.dumps(r))
PY
