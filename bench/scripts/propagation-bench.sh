#!/usr/bin/env bash
# Propagation latency: from the API call returning to the agent enforcing the change, measured against a
# running `./gatehouse dev` (control plane → outbox → Pulsar → agent, signed bundles, real everything).
#
#   ./gatehouse dev &                      # wait for "gatehouse dev: ready"
#   CHANGES=100 bench/scripts/propagation-bench.sh    # writes bench/target/propagation/summary.txt
#
# Two kinds of change, CHANGES of each, alternating on and off:
#   policy       a tool binding of `echo` requires a scope the caller lacks (debounced publish), then not;
#   kill-switch  a tool kill switch on `echo` engaged (publishes at once), then lifted.
# After each API call returns, `tools/call echo` is sent every 5 ms until the answer shows the change;
# the latency is API return → first answer showing it. Needs curl and jq.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
STATE="${GATEHOUSE_STATE_DIR:-$ROOT/.gatehouse}"
CHANGES="${CHANGES:-100}"
OUT="$ROOT/bench/target/propagation"
command -v jq >/dev/null || { echo "propagation-bench: needs jq" >&2; exit 2; }
[ -f "$STATE/dev.env" ] || { echo "propagation-bench: start ./gatehouse dev first ($STATE/dev.env missing)" >&2; exit 2; }
# shellcheck disable=SC1091
. "$STATE/dev.env"
mkdir -p "$OUT"

api() { # METHOD PATH [BODY]
  curl -sf -X "$1" "$GATEHOUSE_API_URL$2" -H "Authorization: Bearer $GATEHOUSE_API_TOKEN" \
    -H 'Content-Type: application/json' ${3:+-d "$3"}
}
mcp_headers=(-H "Authorization: Bearer $GATEHOUSE_MCP_TOKEN" -H 'Content-Type: application/json'
  -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-11-25')
session=$(curl -s -D - -o /dev/null "${mcp_headers[@]}" "$GATEHOUSE_MCP_URL" \
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
  | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: *//p' | tr -d '\r')
echo_call() {
  curl -s "${mcp_headers[@]}" -H "Mcp-Session-Id: $session" "$GATEHOUSE_MCP_URL" \
    -d '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"bench"}}}'
}
now_ns() { date +%s%N; }
await() { # PATTERN START_NS -> prints ms from START_NS until an answer matches
  local deadline=$(( $(now_ns) + 10000000000 ))
  while [ "$(now_ns)" -lt $deadline ]; do
    if echo_call | grep -q "$1"; then echo $(( ($(now_ns) - $2) / 1000000 )); return 0; fi
    sleep 0.005
  done
  echo "propagation-bench: change not enforced within 10 s (waiting for $1)" >&2; return 1
}

binding=$(api GET '/tool-bindings?limit=200' | jq -c '.items[] | select(.toolPattern=="echo")')
binding_id=$(jq -r .id <<<"$binding")
server_id=$(jq -r .serverId <<<"$binding")
api POST /scopes '{"name":"bench:nobody","description":"propagation bench","implies":[]}' >/dev/null || true
request() { jq -c --arg s "$1" '{serverId, toolPattern, requiredScopes: [$s], risk, guardedArguments}' <<<"$binding"; }

: >"$OUT/policy.ms"; : >"$OUT/kill-switch.ms"
for i in $(seq 1 "$CHANGES"); do
  api PUT "/tool-bindings/$binding_id" "$(request bench:nobody)" >/dev/null; t=$(now_ns)
  await INSUFFICIENT_SCOPE "$t" >>"$OUT/policy.ms"
  api PUT "/tool-bindings/$binding_id" "$(request demo:read)" >/dev/null; t=$(now_ns)
  await '"bench"' "$t" >>"$OUT/policy.ms"

  ks=$(api POST /kill-switches "{\"scope\":\"tool\",\"serverId\":\"$server_id\",\"tool\":\"echo\",\"reason\":\"bench $i\"}" | jq -r .id); t=$(now_ns)
  await KILL_SWITCH_ENGAGED "$t" >>"$OUT/kill-switch.ms"
  api DELETE "/kill-switches/$ks" >/dev/null; t=$(now_ns)
  await '"bench"' "$t" >>"$OUT/kill-switch.ms"
done

pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }
{
  echo "propagation over $CHANGES on/off pairs ($(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
  for kind in policy kill-switch; do
    printf '%-12s n=%s p50=%s ms p90=%s ms p99=%s ms max=%s ms\n' "$kind" "$(wc -l <"$OUT/$kind.ms")" \
      "$(pct "$OUT/$kind.ms" 50)" "$(pct "$OUT/$kind.ms" 90)" "$(pct "$OUT/$kind.ms" 99)" "$(pct "$OUT/$kind.ms" 100)"
  done
} | tee "$OUT/summary.txt"
