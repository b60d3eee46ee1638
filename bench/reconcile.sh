#!/usr/bin/env bash
# Benchmark: reconcile N egress log lines (default 10,000,000) against a 200-row transfer ledger,
# with Custodia's reconcile job and with the same matching done by coreutils (cut, sort, uniq, join),
# on the same files. Prints lines/s for both and their ratio.
#
#   bench/reconcile.sh [N] [WORK_DIR]       e.g. bench/reconcile.sh 1000000
#
# The data: 200 transfers (objects) by one legal entity, 10 of every 100 sensitive, spread over ten
# monthly egress files (ten partitions); each transfer has N/200 lines, two records per individual,
# and individuals overlap between transfers (N/4 people in all), so the distinct counts need a real
# union. Every ledger row matches its evidence. Custodia runs with a fixed heap (CUSTODIA_HEAP,
# default 512m) and its default sort buffer; sort runs with -S 256M and --parallel=2.
# Disk: about 240 bytes per line for the log plus 12 per line for Custodia's sorted runs.
set -euo pipefail
N="${1:-10000000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${2:-$(mktemp -d /tmp/custodia-bench-reconcile.XXXXXX)}"
OBJECTS=200
export LC_ALL=C
mkdir -p "$WORK/data/datasets/egress" "$WORK/jobs"
echo "bench: $N lines in $WORK"

# ---- data --------------------------------------------------------------------------------------
# the two datasets of sample-data/catalog.yaml that reconcile reads
awk '/^  - name: transfer_ledger/{on=1} on' "$ROOT/sample-data/catalog.yaml" | sed 's/^  - name: egress_log/  - name: egress_log/' \
  | { echo "version: 1"; echo "company: Bench Co."; echo "datasets:"; cat; } > "$WORK/data/catalog.yaml"
t0=$(date +%s.%N)
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
t1=$(date +%s.%N)
echo "generated in $(echo "$t1 - $t0" | bc) s: $(du -sh "$WORK/data/datasets/egress" | cut -f1) of egress log"

cat > "$WORK/jobs/bench.yaml" <<YAML
job: reconcile
catalog: ../data/catalog.yaml
reconcile:
  rules: cac-2024
  default-legal-entity: Bench Co.
  tolerance: 0%
  fail-on: []
  approved-recipients:
$(for p in 0 1 2 3; do echo "    - {name: Partner $p Inc., country: US, purposes: [analytics], hosts: [api.partner$p.example]}"; done)
YAML

# ---- Custodia -----------------------------------------------------------------------------------
SETTINGS=(--custodia.state-dir="$WORK/var/state" --custodia.keys-dir="$WORK/var/keys" --custodia.evidence-dir="$WORK/var/evidence"
  --custodia.reports-dir="$WORK/reports")
export CUSTODIA_HEAP="${CUSTODIA_HEAP:-512m}"
"$ROOT/custodia" keys init "${SETTINGS[@]}" >/dev/null
t0=$(date +%s.%N)
"$ROOT/custodia" run "$WORK/jobs/bench.yaml" --date 2026-11-25 "${SETTINGS[@]}" > "$WORK/custodia.out" 2>&1 || { cat "$WORK/custodia.out"; exit 1; }
t1=$(date +%s.%N)
custodia_wall=$(echo "$t1 - $t0" | bc)
report=$(ls "$WORK"/reports/reconcile/*/report.json)
job_seconds=$(python3 -c "import json,sys,datetime as d; r=json.load(open('$report')); f=lambda s: d.datetime.fromisoformat(s.replace('Z','+00:00')); print((f(r['finishedAt'])-f(r['startedAt'])).total_seconds())")
python3 - "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f = r["facts"]
print("custodia: %s lines, %s matched transfers, %s findings" % (f["egress lines"], f["matched transfers"], f["critical findings"] + f["warnings"]))
for t in r["tables"]:
    if t["title"].startswith("Distinct individuals"):
        for row in t["rows"]:
            print("custodia: %s %s: %s distinct individuals" % (row[0], row[1], row[5]))
PY

# ---- coreutils: the same matching with cut, sort, uniq, join ----------------------------------------
t0=$(date +%s.%N)
B="$WORK/coreutils"; mkdir -p "$B"
SORT=(sort -S 256M --parallel=2 -T "$B")
# object"subject_hash of every line (fields 20 and 26 when a line is split at double quotes)
cat "$WORK"/data/datasets/egress/*.jsonl | cut -d'"' -f20,26 > "$B/pairs"
cut -d'"' -f1 "$B/pairs" | "${SORT[@]}" | uniq -c | awk '{print $2","$1}' > "$B/records"            # records per object
"${SORT[@]}" -u "$B/pairs" > "$B/distinct"                                                         # distinct object"subject
cut -d'"' -f1 "$B/distinct" | uniq -c | awk '{print $2","$1}' > "$B/individuals"                   # individuals per object
tail -n +2 "$WORK/data/datasets/transfer_ledger.csv" | awk -F, '{print $12","$9","$10","$8}' | "${SORT[@]}" -t, -k1,1 > "$B/ledger"
join -t, "$B/records" "$B/individuals" > "$B/evidence"                                             # object,records,individuals
join -t, "$B/ledger" "$B/evidence" > "$B/matched"                                                  # declared and evidenced
join -t, -v1 "$B/ledger" "$B/evidence" > "$B/unlogged"
join -t, -v2 "$B/ledger" "$B/evidence" > "$B/undeclared"
awk -F, '$2 == $5 && $3 == $6' "$B/matched" > "$B/agreeing"
# distinct individuals per sensitivity, across all objects: object"subject joined with the object's sensitivity
awk -F, '{print $1"\""$4}' "$B/ledger" > "$B/sensitivity"
join -t'"' "$B/sensitivity" "$B/distinct" | cut -d'"' -f2,3 | "${SORT[@]}" -u | cut -d'"' -f1 | uniq -c > "$B/volumes"
t1=$(date +%s.%N)
coreutils_wall=$(echo "$t1 - $t0" | bc)
echo "coreutils: $(wc -l < "$B/agreeing") of $(wc -l < "$B/ledger") transfers agree, $(wc -l < "$B/unlogged") unlogged, $(wc -l < "$B/undeclared") undeclared"
awk '{print "coreutils: sensitive=" $2 ": " $1 " distinct individuals"}' "$B/volumes"

# ---- figures -------------------------------------------------------------------------------------
python3 - "$N" "$custodia_wall" "$job_seconds" "$coreutils_wall" <<'PY'
import sys
n, wall, job, cu = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"lines: {n:,}")
print(f"custodia reconcile: {wall:.1f} s wall incl. JVM start ({n / wall:,.0f} lines/s); job alone {job:.1f} s ({n / job:,.0f} lines/s)")
print(f"cut+sort+uniq+join: {cu:.1f} s ({n / cu:,.0f} lines/s)")
print(f"ratio custodia/coreutils (wall): {wall / cu:.2f}; job alone: {job / cu:.2f}")
PY
grep -h "reconcile egress .* done\|merge" "$WORK/custodia.out" | tail -3 || true
echo "bench data left in $WORK (delete it when done)"
