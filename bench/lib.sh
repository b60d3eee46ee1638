# Sourced by the bench/*.sh sections: what they share.
#
#   company N SEED [ROWS]
#                    prints the directory of the sample company of N customers and that seed, with
#                    at most ROWS rows a file (default 250,000), generating it once under
#                    bench/work/company-N-sSEED[-rROWS] (the sections that read the same company,
#                    e.g. inventory and backup at the default sizes, share it; sections that change
#                    data copy it first)

company() {
  local n="$1" seed="$2" rows="${3:-250000}" root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local dir="$root/bench/work/company-$n-s$seed"
  [ "$rows" = 250000 ] || dir="$dir-r$rows"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    echo "generating the sample company: $n customers, seed $seed, $rows rows a file…" >&2
    "$root/custodia" sample-data --customers "$n" --seed "$seed" --out "$dir" --rows-per-file "$rows" >/dev/null \
      || { echo "bench: sample-data failed for $n customers" >&2; return 1; }
    touch "$dir/.complete"
  fi
  echo "$dir"
}

#   built C          builds the jar if needed, outside the timings; bench/run builds it once for
#                    all sections (BENCH_BUILT=1) and a section started alone does it here
#   prepared WHAT    in bench/run's preparation phase (BENCH_PREPARE=1) a section stops here, its
#                    data made, so that no generator shares the machine with a timed run

built() {
  [ "${BENCH_BUILT:-0}" = 1 ] || "$1" --help >/dev/null
}

prepared() {
  if [ "${BENCH_PREPARE:-0}" = 1 ]; then echo "prepared: $*"; exit 0; fi
}
