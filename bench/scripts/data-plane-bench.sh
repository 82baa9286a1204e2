#!/usr/bin/env bash
# Data-plane proxy benchmark (bench/RESULTS.md, "Data plane proxy"). Not part of `verify`.
# Needs: wrk and nginx (Debian packages), a built project (./mvnw -B -pl bench -am install -DskipTests).
# Usage: bench/scripts/data-plane-bench.sh [out-dir]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/bench/target/dp-bench}
UP=18080 NGINX=18081 AGENT=19090 ADMIN=19091
DURATION=${DURATION:-10} RUNS=${RUNS:-3} RATE=${RATE:-1000}
mkdir -p "$OUT"
JAVA=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)/bin/java
[ -x "$JAVA" ] || JAVA=java
(cd "$ROOT" && ./mvnw -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
CP="$ROOT/bench/target/classes:$(cat "$OUT/cp.txt")"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$OUT/nginx.pid" ] && kill "$(cat "$OUT/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

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
nginx -c "$OUT/nginx.conf"

# agent: its own JVM, timed from spawn to /ready
T0=$(date +%s%N)
"$JAVA" ${AGENT_OPTS:--Xmx192m -XX:+UseSerialGC} -cp "$CP" io.gatehouse.dataplane.DataPlaneMain "$OUT/config.yml" > "$OUT/agent.log" 2>&1 & AGENT_PID=$!; PIDS+=($AGENT_PID)
until curl -sf -o /dev/null "http://127.0.0.1:$ADMIN/ready"; do sleep 0.02; done
T1=$(date +%s%N)
READY_MS=$(( (T1 - T0) / 1000000 ))
RSS_IDLE=$(awk '/VmRSS/{print $2}' /proc/$AGENT_PID/status)

TOKEN=$(cat "$OUT/token.txt")
SESSION=$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$AGENT/mcp/bench" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
  | awk 'tolower($1)=="mcp-session-id:"{print $2}' | tr -d '\r')
[ -n "$SESSION" ] || { echo "no session from the agent"; cat "$OUT/agent.log"; exit 1; }
export TOKEN SESSION

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

declare -A URL=( [direct]="http://127.0.0.1:$UP/mcp" [nginx]="http://127.0.0.1:$NGINX/mcp" [gatehouse]="http://127.0.0.1:$AGENT/mcp/bench" )
: > "$OUT/summary.txt"
for target in direct nginx gatehouse; do
  wrk -t2 -c16 -d"${WARMUP:-10}s" -s "$OUT/call.lua" "${URL[$target]}" > /dev/null   # warm-up (JIT)
  rates=()
  for run in $(seq "$RUNS"); do
    r=$(wrk -t2 -c16 -d"${DURATION}s" --latency -s "$OUT/call.lua" "${URL[$target]}" | tee "$OUT/wrk-$target-$run.txt" | awk '/Requests\/sec/{print $2}')
    rates+=("$r")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  fixed=$("$JAVA" -cp "$CP" io.gatehouse.bench.OpenModelLoad "${URL[$target]}" "$RATE" "$DURATION" \
    "Authorization: Bearer $TOKEN" "Mcp-Session-Id: $SESSION" "MCP-Protocol-Version: 2025-11-25")
  echo "$target saturation_rps_median=$median runs=${rates[*]} | fixed: $fixed" | tee -a "$OUT/summary.txt"
done
RSS_LOADED=$(awk '/VmRSS/{print $2}' /proc/$AGENT_PID/status)
HWM=$(awk '/VmHWM/{print $2}' /proc/$AGENT_PID/status)
echo "agent ready_ms=$READY_MS rss_idle_kb=$RSS_IDLE rss_after_load_kb=$RSS_LOADED rss_peak_kb=$HWM" | tee -a "$OUT/summary.txt"
nproc | sed 's/^/cores=/' | tee -a "$OUT/summary.txt"
