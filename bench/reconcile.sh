#!/usr/bin/env bash
# Reconcile benchmark: N egress log lines (default 10,000,000) against a 200-row transfer ledger, with
# Custodia's reconcile job and with the same matching done by coreutils (cut, sort, uniq, join) on the
# same files; REPS rounds (default 3), alternating, medians; peak RSS of each Custodia run from
# /usr/bin/time -v. Both must agree on the matched transfers and the distinct individuals, or the
# script fails.
#
#   bench/reconcile.sh [N=10000000] [REPS=3]
#
# Data (a documented generator, awk): 200 transfers (objects) by one legal entity, 1 in 10 sensitive,
# over ten monthly files (ten partitions); each transfer has N/200 lines, two records per individual,
# and transfers overlap in people (N/4 in all), so the yearly counts need a real union. Every ledger row
# matches its evidence; the sensitive volume exceeds 10,000, so the report has one finding per sensitive
# transfer (its standard contract is below the security assessment the volume requires).
# Custodia runs with a fixed heap (CUSTODIA_HEAP, default 256m) and its default sort buffer
# (1,000,000 fingerprints a worker); sort runs with -S 256M --parallel=2. Disk: ~245 bytes a line of
# log, 12 a line of Custodia's sorted runs, about twice the log for sort's temporary files.
# Prints one line `BENCH-RESULT {json}` for bench/run. Work files under bench/work (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000000}"; REPS="${2:-3}"
WORK="$ROOT/bench/work/reconcile-$N"
HEAP="${CUSTODIA_HEAP:-256m}"
export CUSTODIA_HEAP="$HEAP" LC_ALL=C
C="$ROOT/custodia"
SET=("--custodia.home=$WORK" "--custodia.state-dir=$WORK/var/state" "--custodia.keys-dir=$WORK/var/keys"
  "--custodia.evidence-dir=$WORK/var/evidence" "--custodia.reports-dir=$WORK/reports")
OBJECTS=200
mkdir -p "$WORK/jobs"
. "$ROOT/bench/lib.sh"
built "$C"

# ---- data ----------------------------------------------------------------------------------------
if [ ! -f "$WORK/data/.complete" ]; then
  rm -rf "$WORK/data"; mkdir -p "$WORK/data/datasets/egress"
  # the two datasets of sample-data/catalog.yaml that reconcile reads
  awk '/^  - name: transfer_ledger/{on=1} on' "$ROOT/sample-data/catalog.yaml" \
    | { echo "version: 1"; echo "company: Bench Co."; echo "datasets:"; cat; } > "$WORK/data/catalog.yaml"
  mawk -v n="$N" -v objects="$OBJECTS" -v dir="$WORK/data/datasets/egress" -v ledger="$WORK/data/datasets/transfer_ledger.csv" '
  function hex(id,   s, k) {
    s = ""
    for (k = 1; k <= 8; k++) s = s sprintf("%08x", (id * m[k] + k * 7919) % 4294967296)
    return s
  }
  BEGIN {
    for (k = 1; k <= 8; k++) m[k] = 1048573 + k * 104729
    per = int(n / objects); pool = int(n / 4); if (pool < 1) pool = 1
    print "transfer_id,transferred_at,legal_entity,recipient,recipient_country,purpose,data_categories,sensitive,records,individuals,channel,object,legal_basis,exemption_kind,basis_reference,basis_effective_on,basis_filed_on,basis_expires_on,consent_reference,pia_reference" > ledger
    for (o = 0; o < objects; o++) {
      month = 1 + o % 10; sens = (o % 10 == 3) ? "true" : "false"
      file = sprintf("%s/egress-2026-%02d.jsonl", dir, month)
      lines = (o == objects - 1) ? n - per * (objects - 1) : per
      for (i = 0; i < lines; i++) {
        s = (o * int(per / 2) + int(i / 2)) % pool
        sec = 3 * 86400 + i; d = int(sec / 86400); h = int((sec % 86400) / 3600); mi = int((sec % 3600) / 60); se = sec % 60
        printf "{\"time\":\"2026-%02d-%02dT%02d:%02d:%02dZ\",\"channel\":\"api\",\"destination_host\":\"api.partner%d.example\",\"destination_country\":\"US\",\"object\":\"obj-%03d.csv\",\"bytes\":%d,\"subject_hash\":\"%s\",\"remote_access\":false}\n", month, 1 + d, h, mi, se, o % 4, o, 400 + i % 300, hex(s) > file
      }
      printf "XB-%03d,2026-%02d-03T00:00:00Z,Bench Co.,Partner %d Inc.,US,analytics,customer pseudonym,%s,%d,%d,api,obj-%03d.csv,standard-contract,,SCC-2026-%03d,2025-06-02,2025-06-06,2028-06-01,SC-TEXT,PIA-1\n", o, month, o % 4, sens, lines, int((lines + 1) / 2), o, o > ledger
    }
  }'
  touch "$WORK/data/.complete"
fi
prepared "$N egress lines in $WORK/data"
LINES=$(cat "$WORK"/data/datasets/egress/*.jsonl | wc -l)
{
  echo "job: reconcile"; echo "catalog: ../data/catalog.yaml"; echo "reconcile:"; echo "  rules: cac-2024"
  echo "  default-legal-entity: Bench Co."; echo "  tolerance: 0%"; echo "  fail-on: []"; echo "  approved-recipients:"
  for p in 0 1 2 3; do echo "    - {name: Partner $p Inc., country: US, purposes: [analytics], hosts: [api.partner$p.example]}"; done
} > "$WORK/jobs/bench.yaml"

# ---- the same matching with coreutils ---------------------------------------------------------------
cat > "$WORK/coreutils.sh" <<'SH'
set -euo pipefail
export LC_ALL=C
W="$1"; B="$W/coreutils"; rm -rf "$B"; mkdir -p "$B"
SORT=(sort -S 256M --parallel=2 -T "$B")
# object"subject_hash of every line (fields 20 and 26 when a line is split at double quotes)
cat "$W"/data/datasets/egress/*.jsonl | cut -d'"' -f20,26 > "$B/pairs"
cut -d'"' -f1 "$B/pairs" | "${SORT[@]}" | uniq -c | awk '{print $2","$1}' > "$B/records"     # records per object
"${SORT[@]}" -u "$B/pairs" > "$B/distinct"                                                  # distinct object"subject
cut -d'"' -f1 "$B/distinct" | uniq -c | awk '{print $2","$1}' > "$B/individuals"            # individuals per object
tail -n +2 "$W/data/datasets/transfer_ledger.csv" | awk -F, '{print $12","$9","$10","$8}' | "${SORT[@]}" -t, -k1,1 > "$B/ledger"
join -t, "$B/records" "$B/individuals" > "$B/evidence"                                      # object,records,individuals
join -t, "$B/ledger" "$B/evidence" | awk -F, '$2 == $5 && $3 == $6' > "$B/agreeing"         # declared = evidence
join -t, -v1 "$B/ledger" "$B/evidence" > "$B/unlogged"
join -t, -v2 "$B/ledger" "$B/evidence" > "$B/undeclared"
# distinct individuals per sensitivity over all objects: object"subject joined with the object's sensitivity
awk -F, '{print $1"\""$4}' "$B/ledger" > "$B/sensitivity"
join -t'"' "$B/sensitivity" "$B/distinct" | cut -d'"' -f2,3 | "${SORT[@]}" -u | cut -d'"' -f1 | uniq -c \
  | awk '{print $2" "$1}' > "$B/volumes"
rm -f "$B/pairs" "$B/distinct"
SH

timed() { # command… → prints "seconds rss_kb"
  local out; out=$(mktemp)
  /usr/bin/time -v -o "$out" "$@" >>"$WORK/stdout.log" 2>>"$WORK/stderr.log"
  local s; s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$out")
  local r; r=$(awk -F': ' '/Maximum resident set size/{print $2}' "$out")
  rm -f "$out"; echo "$s $r"
}
"$C" keys init "${SET[@]}" >/dev/null
START=$(timed "$C" executions "${SET[@]}" | cut -d' ' -f1)   # JVM + Spring start-up, no work
"$C" keys init "${SET[@]}" >/dev/null
cus=(); peer=(); rss=(); jobs=()
for i in $(seq 1 "$REPS"); do
  date="2026-11-$((20 + i))"
  # a fresh JobRepository, evidence ledger and reports each round, so that the run is never "already completed"
  rm -rf "$WORK/var/state" "$WORK/var/evidence" "$WORK/reports"
  : > "$WORK/stdout.log"
  read -r s r < <(timed "$C" run "$WORK/jobs/bench.yaml" --date "$date" "${SET[@]}"); cus+=("$s"); rss+=("$r")
  grep -q "^execution .*: COMPLETED" "$WORK/stdout.log" || { echo "bench: the reconcile run did not complete:" >&2; cat "$WORK/stdout.log" >&2; exit 1; }
  report="$WORK/reports/reconcile/$(ls -t "$WORK/reports/reconcile" | grep "^$date" | head -1)/report.json"
  jobs+=("$(python3 -c "import json,sys,datetime as d; r=json.load(open('$report')); f=lambda s: d.datetime.fromisoformat(s.replace('Z','+00:00')); print((f(r['finishedAt'])-f(r['startedAt'])).total_seconds())")")
  read -r s r < <(timed bash "$WORK/coreutils.sh" "$WORK"); peer+=("$s")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
MC=$(median "${cus[@]}"); MP=$(median "${peer[@]}"); MR=$(median "${rss[@]}"); MJ=$(median "${jobs[@]}")
python3 - "$LINES" "$MC" "$MP" "$MR" "$HEAP" "$START" "$MJ" "$report" "$WORK/coreutils" <<'PY'
import json, sys
lines, cus, peer, rss, heap, start, job, report, cu = sys.argv[1:]
lines, cus, peer, start, job = int(lines), float(cus), float(peer), float(start), float(job)
rep = json.load(open(report))
vol = {}
for t in rep["tables"]:
    if t["title"].startswith("Distinct individuals"):
        for row in t["rows"]:
            vol[row[1] == "sensitive"] = row[5]
matched = rep["facts"]["matched transfers"] + sum(1 for t in rep["tables"] if t["title"].startswith("Declared")
                                                  for row in t["rows"] if row[15] == "mechanism-below-required")
cu_vol = {l.split()[0] == "true": int(l.split()[1]) for l in open(cu + "/volumes")}
cu_agree = sum(1 for _ in open(cu + "/agreeing"))
agree = vol == cu_vol and matched == cu_agree and rep["facts"]["egress lines"] == lines
r = {"section": "reconcile", "lines": lines, "custodia_seconds": cus, "custodia_lines_per_s": round(lines / cus),
     "custodia_job_seconds": job, "custodia_job_lines_per_s": round(lines / job),
     "peer": "cut+sort+uniq+join (coreutils)", "peer_seconds": peer, "peer_lines_per_s": round(lines / peer),
     "ratio_time": round(cus / peer, 2), "peak_rss_kb": int(rss), "heap": heap, "jvm_startup_seconds": start,
     "startup_share": round(start / cus, 3), "distinct_individuals": {"non-sensitive": vol.get(False), "sensitive": vol.get(True)},
     "outputs_agree": agree}
print(f"reconcile of {lines:,} lines: Custodia {r['custodia_lines_per_s']:,} lines/s ({cus:.1f} s, of which the job {job:.1f} s = "
      f"{r['custodia_job_lines_per_s']:,} lines/s) vs coreutils {r['peer_lines_per_s']:,} lines/s ({peer:.1f} s); time ratio "
      f"{r['ratio_time']}; peak RSS {int(rss)//1024} MB with -Xmx{heap}; start-up {start:.1f} s")
print(f"distinct individuals: Custodia {vol}, coreutils {cu_vol}; transfers agreeing: Custodia {matched}, coreutils {cu_agree}")
print("BENCH-RESULT " + json.dumps(r))
if not agree:
    print("bench: Custodia and coreutils disagree", file=sys.stderr)
    sys.exit(1)
PY
