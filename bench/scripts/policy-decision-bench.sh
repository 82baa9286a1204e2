#!/usr/bin/env bash
# Policy decision cost with 1,000 rules: JMH SampleTime (p50/p90/p99/p99.9 and mean) of
# io.gatehouse.bench.PolicyDecisionBench, with the load average recorded before and after the run.
#
#   bench/scripts/policy-decision-bench.sh                     # build, run, summary on stdout
#   BENCH='PolicyDecisionBench.realistic' bench/scripts/policy-decision-bench.sh   # a JMH regex
#   SKIP_BUILD=1 ENGINE_JAR=/tmp/engine-before.jar LABEL=before bench/scripts/policy-decision-bench.sh
#       # the same benchmark against another build of the engine (its classes shadow the current ones);
#       # run both labels back to back and compare ratios when the machine is shared
#
#   MODE=cpu SKIP_BUILD=1 LABEL=after bench/scripts/policy-decision-bench.sh [seconds per scenario]
#       # thread CPU time per decision (PolicyDecisionCpuBench) instead of JMH: for a loaded machine
#
# Output: bench/target/jmh-policy-$LABEL.json (JMH) and bench/target/jmh-policy-$LABEL.txt (summary
# with load averages). JMH options can be appended as arguments, e.g. -wi 3 -i 5.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
LABEL="${LABEL:-current}"
BENCH="${BENCH:-PolicyDecisionBench}"
JAVA=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)/bin/java
[ -x "$JAVA" ] || JAVA=java
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -o -q -pl bench -am package -DskipTests
CP="bench/target/classes:$(cat bench/target/runtime.classpath)"
[ -z "${ENGINE_JAR:-}" ] || CP="$ENGINE_JAR:$CP"
OUT="bench/target/jmh-policy-$LABEL"
{
  echo "policy-decision-bench label=$LABEL engine=${ENGINE_JAR:-engine/target} bench=$BENCH"
  echo "start $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg) cores $(nproc)"
} >"$OUT.txt"
if [ "${MODE:-jmh}" = cpu ]; then
  "$JAVA" -Xmx512m -cp "$CP" io.gatehouse.bench.PolicyDecisionCpuBench "$@" >>"$OUT.txt"
  echo "end   $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT.txt"
  cat "$OUT.txt"
  exit 0
fi
"$JAVA" -cp "$CP" org.openjdk.jmh.Main "$BENCH" -rf json -rff "$OUT.json" "$@" >"$OUT.log"
echo "end   $(date -u +%FT%TZ) loadavg $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT.txt"
python3 - "$OUT.json" >>"$OUT.txt" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("| benchmark | samples | p50 µs | p90 µs | p99 µs | p99.9 µs | mean µs |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    m = r["primaryMetric"]; p = m.get("scorePercentiles", {})
    name = r["benchmark"].rsplit(".", 1)[-1]
    cnt = sum(sum(c for _, c in h) for h in m.get("rawDataHistogram", [[]])[0]) if m.get("rawDataHistogram") else "?"
    f = lambda k: "%.2f" % p[k] if k in p else "-"
    print(f"| {name} | {cnt} | {f('50.0')} | {f('90.0')} | {f('99.0')} | {f('99.9')} | {m['score']:.2f} |")
PY
cat "$OUT.txt"
