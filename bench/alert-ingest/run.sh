#!/usr/bin/env bash
# Alert ingest, side by side: the console's Alertmanager-compatible POST /api/v2/alerts and a real
# Alertmanager (Debian prometheus-alertmanager), same wrk load (batches of 100, 10,000 active alerts
# re-sent), one after the other in one run. Prints alerts/s, CPU and RSS of each, and the ratio.
# Usage: bench/alert-ingest/run.sh [seconds=30] [connections=8]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN=${1:-30}
CONNS=${2:-8}
WORK=$(mktemp -d /tmp/alert-ingest.XXXX)
CONSOLE_PORT=10291
AM_PORT=10293
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
command -v prometheus-alertmanager >/dev/null || { echo "prometheus-alertmanager missing: apt-get install -y prometheus-alertmanager"; exit 1; }

dotnet build src/McpMonitoring.Web -c Release -nologo -v quiet >/dev/null
mkdir -p "$WORK/config"
dotnet src/McpMonitoring.Web/bin/Release/net10.0/McpMonitoring.Web.dll --urls "http://127.0.0.1:$CONSOLE_PORT" \
  --ConnectionStrings:Monitoring="Data Source=$WORK/console.db" --Monitoring:ConfigDir="$WORK/config" --Monitoring:Demo=false \
  --Logging:LogLevel:Default=Warning > "$WORK/console.log" 2>&1 &
pids+=($!); CONSOLE_PID=$!

cat > "$WORK/am.yml" <<YML
route: {receiver: blackhole, group_by: [alertname], group_wait: 30s, group_interval: 5m, repeat_interval: 4h}
receivers: [{name: blackhole}]
YML
prometheus-alertmanager --config.file="$WORK/am.yml" --storage.path="$WORK/am" --web.listen-address="127.0.0.1:$AM_PORT" \
  --cluster.listen-address= --log.level=warn > "$WORK/am.log" 2>&1 &
pids+=($!); AM_PID=$!

for url in "http://127.0.0.1:$CONSOLE_PORT/health" "http://127.0.0.1:$AM_PORT/-/ready"; do
  for _ in $(seq 1 60); do curl -sf "$url" >/dev/null && break; sleep 0.5; done
done

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)

measure() { # name pid port
  local name=$1 pid=$2 port=$3
  # Warm-up: create the 10,000 alerts and JIT the path.
  wrk -t2 -c"$CONNS" -d5s -s bench/alert-ingest/alerts.lua "http://127.0.0.1:$port" >/dev/null
  local t0; t0=$(cpu_ticks "$pid")
  local out; out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" -s bench/alert-ingest/alerts.lua "http://127.0.0.1:$port")
  local t1; t1=$(cpu_ticks "$pid")
  local rate; rate=$(echo "$out" | awk '/alerts\/s:/ {print $2}')
  local cpu; cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$SECONDS_RUN" 'BEGIN {printf "%.0f", (b-a)/hz/s*100}')
  echo "$name: $(echo "$out" | grep 'alerts/s:')  cpu ${cpu}% of one core  rss $(rss_mb "$pid") MB"
  eval "${name}_RATE=$rate"
}

echo "== alert ingest: batches of 100, 10,000 active alerts re-sent, $CONNS connections, ${SECONDS_RUN}s, wrk -t2 on the same 2 cores"
measure console "$CONSOLE_PID" "$CONSOLE_PORT"
measure alertmanager "$AM_PID" "$AM_PORT"
active=$(curl -s "http://127.0.0.1:$CONSOLE_PORT/alerts?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
am_active=$(curl -s "http://127.0.0.1:$AM_PORT/api/v2/alerts" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "active alerts after the run: console $active, alertmanager $am_active"
awk -v c="$console_RATE" -v a="$alertmanager_RATE" 'BEGIN {printf "ratio console/alertmanager: %.2f\n", c/a}'
