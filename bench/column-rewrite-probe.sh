#!/usr/bin/env bash
# Row-by-row rewrite (the purge's today) against a column-at-a-time rewrite of one Parquet file, keeping
# two rows in three: median thread CPU of each and the GC pauses during each, outputs compared row by
# row. See bench/ColumnRewriteProbe.java. A probe for the next purge design, not part of bench/run.
#
#   bench/column-rewrite-probe.sh FILE.parquet [ROUNDS=8]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="${1:?usage: bench/column-rewrite-probe.sh FILE.parquet [ROUNDS]}"; ROUNDS="${2:-8}"
[ -f "$FILE" ] || { echo "bench/column-rewrite-probe: no such file: $FILE" >&2; exit 2; }
JDK="${CUSTODIA_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JDK/bin/javac" ] || { echo "bench: no JDK 25 at $JDK (set CUSTODIA_JAVA_HOME)" >&2; exit 2; }
"$ROOT/custodia" --help >/dev/null   # builds and extracts the jar if needed
CP="$ROOT/target/app/custodia.jar:$(ls "$ROOT"/target/app/lib/*.jar | tr '\n' :)"
OUT="$ROOT/bench/work/probe"
if ! [ "$OUT/ColumnRewriteProbe.class" -nt "$ROOT/bench/ColumnRewriteProbe.java" ] || ! [ "$OUT/ColumnRewriteProbe.class" -nt "$ROOT/target/app/custodia.jar" ]; then
  rm -rf "$OUT"; "$JDK/bin/javac" -nowarn -d "$OUT" -cp "$CP" "$ROOT/bench/ColumnRewriteProbe.java" 2>&1 | grep -v '^Note:' || true
fi
"$JDK/bin/java" -Xms1g -Xmx1g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dcustodia.log-dir="$ROOT/bench/work/probe/logs" -cp "$OUT:$CP" ColumnRewriteProbe "$FILE" "$ROUNDS" 2>"$OUT/stderr.log" \
  || { echo "bench/column-rewrite-probe: the probe failed on $FILE:" >&2; grep -v 'WARN\|SLF4J\|^\s*at \|^\s*\.\.\.' "$OUT/stderr.log" | tail -5 >&2; exit 1; }
