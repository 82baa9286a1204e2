#!/usr/bin/env bash
# Data-plane proxy benchmark (bench/RESULTS.md, "Data plane proxy"). Not part of `verify`.
# Needs: wrk and nginx (Debian packages). Packages the reactor itself (no `install`: the classpath is
# this checkout's module jars, never another build's jars in ~/.m2).
# Usage: bench/scripts/data-plane-bench.sh [out-dir]
# Env: WARMUP (default 30 s: the agent's JIT needs it), DURATION, RUNS, RATE;
#      TARGETS (default "direct nginx bare-jetty gatehouse gatehouse-full"; bare-jetty = io.gatehouse.bench.BareRelay,
#      the agent's Jetty server + client relaying with no gateway work: the ceiling of the stack);
#      AGENT_OPTS (JVM options of the agent; default: the launcher's data-plane defaults);
#      AGENT_CLASSES (a data-plane classes folder or jar put first on the agent's classpath: an older build to compare);
#      BENCH_CP (use this classpath instead of packaging the checkout).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/bench/target/dp-bench}
UP=18080 NGINX=18081 BARE=18082 AGENT=19090 ADMIN=19091 AGENT_FULL=19092 ADMIN_FULL=19093
DURATION=${DURATION:-10} RUNS=${RUNS:-3} RATE=${RATE:-1000}
TARGETS=${TARGETS:-direct nginx bare-jetty gatehouse gatehouse-full}
WARMUP=${WARMUP:-30}
mkdir -p "$OUT"
rm -rf "$OUT"/audit-wal* "$OUT"/audit*.jsonl   # every run starts with an empty audit WAL
JAVA=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)/bin/java
[ -x "$JAVA" ] || JAVA=java
# package + build-classpath in one reactor run: sibling modules resolve to their target/*.jar (jars only:
# class-data sharing cannot archive classes loaded from folders)
if [ -n "${BENCH_CP:-}" ]; then
  CP=$BENCH_CP   # a classpath built earlier (e.g. copies of the jars, while the checkout rebuilds)
else
  (cd "$ROOT" && ./mvnw -B -q -o -pl bench -am package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
  CP="$(ls "$ROOT"/bench/target/gatehouse-bench-*.jar | head -1):$(cat "$OUT/cp.txt")"
fi
# the agent's JVM options: the launcher's data-plane defaults (see ./gatehouse, docs/data-plane.md)
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}   # as ./gatehouse sets it for the agent (fewer malloc arenas, lower RSS)
DP_DEFAULT_OPTS=$(sed -n 's/^DP_JVM_DEFAULTS="\(.*\)"$/\1/p' "$ROOT/gatehouse")
# the launcher adds its trim flag on JDK 22+ (this JAVA is 25)
DP_DEFAULT_OPTS="$DP_DEFAULT_OPTS $(sed -n 's/^DP_JVM_TRIM="\(.*\)"$/\1/p' "$ROOT/gatehouse")"
CDS="-XX:SharedArchiveFile=$OUT/agent-cds.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off"
AGENT_OPTS=${AGENT_OPTS:-$DP_DEFAULT_OPTS $CDS}
AGENT_CP=${AGENT_CLASSES:+$AGENT_CLASSES:}$CP
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, clock ticks
TICK=$(getconf CLK_TCK)

"$JAVA" -cp "$CP" io.gatehouse.bench.BenchSetup "$OUT" $UP $AGENT $ADMIN
"$JAVA" -Xmx256m -cp "$CP" io.gatehouse.bench.FastUpstream $UP "$OUT/jwks.json" > "$OUT/upstream.log" 2>&1 & PIDS+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$UP/jwks.json"; do sleep 0.1; done

cat > "$OUT/nginx.conf" <<NGX
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream fast { server 127.0.0.1:$UP; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX;
    location / { proxy_pass http://fast; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
NGX

cat > "$OUT/call.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Mcp-Session-Id"] = os.getenv("SESSION")
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
function response(status, headers, body) if status ~= 200 then wrk.thread:stop() end end
LUA

mcp_post() { # $1 = port, $2 = body; prints the response headers
  curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$1/mcp/bench" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2025-11-25' ${SESSION:+-H "Mcp-Session-Id: $SESSION"} -d "$2"
}

# starts an agent in its own JVM, timed from spawn to /ready; sets AGENT_PID TOKEN SESSION READY_MS RSS_IDLE
start_agent() { # $1 = config, $2 = mcp port, $3 = admin port, $4 = token file
  local t0 t1
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  "$JAVA" $AGENT_OPTS -cp "$AGENT_CP" io.gatehouse.dataplane.DataPlaneMain "$OUT/$1" > "$OUT/agent-${1%.yml}.log" 2>&1 & AGENT_PID=$!
  PIDS+=($AGENT_PID)
  until curl -sf -o /dev/null "http://127.0.0.1:$3/ready"; do sleep 0.02; done
  t1=$(date +%s%N)
  READY_MS=$(( (t1 - t0) / 1000000 ))
  RSS_IDLE=$(awk '/VmRSS/{print $2}' "/proc/$AGENT_PID/status")
  TOKEN=$(cat "$OUT/$4") SESSION=
  SESSION=$(mcp_post "$2" '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    | awk 'tolower($1)=="mcp-session-id:"{print $2}' | tr -d '\r')
  [ -n "$SESSION" ] || { echo "no session from the agent"; cat "$OUT/agent-${1%.yml}.log"; exit 1; }
  mcp_post "$2" '{"jsonrpc":"2.0","method":"notifications/initialized"}' > /dev/null
  # the tool list once, so that pinned tools are checked (full chain) as a real client would
  mcp_post "$2" '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' > /dev/null
  export TOKEN SESSION
}

stop_agent() { # records RSS after load, peak RSS and the agent's metrics
  curl -s "http://127.0.0.1:$1/metrics" > "$OUT/agent-metrics-$2.txt" || true
  RSS_LOADED=$(awk '/VmRSS/{print $2}' "/proc/$AGENT_PID/status")
  HWM=$(awk '/VmHWM/{print $2}' "/proc/$AGENT_PID/status")
  echo "agent($2) ready_ms=$READY_MS rss_idle_kb=$RSS_IDLE rss_after_load_kb=$RSS_LOADED rss_peak_kb=$HWM" | tee -a "$OUT/summary.txt"
  kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true   # a clean exit also writes the CDS archive
}

# a first start writes the class-data-sharing archive on its clean exit, as the launcher's first run does
if [[ "$AGENT_OPTS" == *AutoCreateSharedArchive* && ! -f "$OUT/agent-cds.jsa" ]]; then
  start_agent config.yml $AGENT $ADMIN token.txt
  kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
  rm -rf "$OUT"/audit-wal* "$OUT"/audit*.jsonl
fi

declare -A URL=( [direct]="http://127.0.0.1:$UP/mcp" [nginx]="http://127.0.0.1:$NGINX/mcp" [bare-jetty]="http://127.0.0.1:$BARE/mcp"
  [gatehouse]="http://127.0.0.1:$AGENT/mcp/bench" [gatehouse-full]="http://127.0.0.1:$AGENT_FULL/mcp/bench" )
: > "$OUT/summary.txt"
echo "start $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) agent_opts: $AGENT_OPTS ${AGENT_CLASSES:+agent_classes: $AGENT_CLASSES}" | tee -a "$OUT/summary.txt"
TOKEN=$(cat "$OUT/token.txt") SESSION=unused
export TOKEN SESSION
for target in $TARGETS; do
  PROXY_PID=
  case $target in
    nginx) nginx -c "$OUT/nginx.conf"; sleep 0.2; PROXY_PID=$(pgrep -P "$(cat "$OUT/nginx.pid")" | head -1) ;;
    bare-jetty)
      "$JAVA" $DP_DEFAULT_OPTS -cp "$CP" io.gatehouse.bench.BareRelay $BARE "http://127.0.0.1:$UP" > "$OUT/bare.log" 2>&1 & PROXY_PID=$!
      PIDS+=($PROXY_PID)
      until grep -q "bare Jetty relay on" "$OUT/bare.log"; do sleep 0.05; done ;;
    gatehouse) start_agent config.yml $AGENT $ADMIN token.txt; PROXY_PID=$AGENT_PID ;;
    gatehouse-full) start_agent config-full.yml $AGENT_FULL $ADMIN_FULL token-full.txt; PROXY_PID=$AGENT_PID ;;
  esac
  wrk -t2 -c16 -d"${WARMUP}s" -s "$OUT/call.lua" "${URL[$target]}" > /dev/null   # warm-up (JIT)
  rates=() requests=0
  ticks0=$([ -n "$PROXY_PID" ] && cpu_ticks "$PROXY_PID" || echo 0)
  for run in $(seq "$RUNS"); do
    wrk -t2 -c16 -d"${DURATION}s" --latency -s "$OUT/call.lua" "${URL[$target]}" > "$OUT/wrk-$target-$run.txt"
    rates+=("$(awk '/Requests\/sec/{print $2}' "$OUT/wrk-$target-$run.txt")")
    requests=$(( requests + $(awk '/requests in/{print $1}' "$OUT/wrk-$target-$run.txt") ))
    if grep -q "Non-2xx" "$OUT/wrk-$target-$run.txt"; then echo "$target: non-2xx answers"; grep "Non-2xx" "$OUT/wrk-$target-$run.txt"; fi
  done
  # CPU the proxy process spent per request at saturation: robust against other load on the machine
  cpu_us="-"
  if [ -n "$PROXY_PID" ]; then
    cpu_us=$(( ($(cpu_ticks "$PROXY_PID") - ticks0) * 1000000 / TICK / (requests > 0 ? requests : 1) ))
  fi
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  fixed=$("$JAVA" -cp "$CP" io.gatehouse.bench.OpenModelLoad "${URL[$target]}" "$RATE" "$DURATION" \
    "Authorization: Bearer $TOKEN" "Mcp-Session-Id: $SESSION" "MCP-Protocol-Version: 2025-11-25")
  echo "$target saturation_rps_median=$median runs=${rates[*]} proxy_cpu_us_per_req=$cpu_us load=$(cut -d' ' -f1 /proc/loadavg) | fixed: $fixed" | tee -a "$OUT/summary.txt"
  case $target in
    nginx) kill "$(cat "$OUT/nginx.pid")"; rm -f "$OUT/nginx.pid" ;;
    bare-jetty) kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true ;;
    gatehouse) stop_agent $ADMIN plain ;;
    gatehouse-full) stop_agent $ADMIN_FULL full ;;
  esac
done
echo "end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)" | tee -a "$OUT/summary.txt"
