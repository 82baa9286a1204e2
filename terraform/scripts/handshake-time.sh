#!/usr/bin/env bash
# Start-up time of the built provider as Terraform sees it: from exec of
# terraform-provider-gatehouse (with the go-plugin magic cookie and a P-521 client certificate,
# like Terraform 1.11 passes) until the handshake line arrives on stdout. Prints each run in ms,
# then the median and the minimum, the CPU time each JVM used until then (independent of
# machine load), and the load average.
#   terraform/scripts/handshake-time.sh [runs=11] [provider=terraform/target/provider/terraform-provider-gatehouse]
set -euo pipefail
runs=${1:-11}
exe=${2:-$(dirname "$0")/../target/provider/terraform-provider-gatehouse}
[ -x "$exe" ] || { echo "build the provider first: ./mvnw -B -pl terraform -am package -DskipTests" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:secp521r1 -nodes -days 1 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
export TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2
export PLUGIN_PROTOCOL_VERSIONS=5,6
PLUGIN_CLIENT_CERT=$(cat "$tmp/cert.pem")
export PLUGIN_CLIENT_CERT
times=()
cpus=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  coproc PROVIDER { exec "$exe" 2>/dev/null; }
  read -r line <&"${PROVIDER[0]}"
  end=$(date +%s%N)
  # CPU the JVM used until the handshake (utime + stime, clock ticks): load-independent
  read -r -a stat <"/proc/$PROVIDER_PID/stat"
  cpus+=($(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK))))
  kill "$PROVIDER_PID" 2>/dev/null || true
  wait "$PROVIDER_PID" 2>/dev/null || true
  case $line in 1\|6\|tcp\|127.0.0.1:*\|grpc\|*) ;; *) echo "unexpected handshake: $line" >&2; exit 1 ;; esac
  times+=($(((end - start) / 1000000)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "runs (ms): ${times[*]}"
echo "median: $(echo "$sorted" | sed -n "$(((runs + 1) / 2))p") ms, min: $(echo "$sorted" | head -n1) ms"
echo "cpu until handshake (ms): ${cpus[*]}; median: $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p") ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
