#!/usr/bin/env bash
# Probe capacity through the whole console: N http targets at a 10 s interval against a cheap local
# endpoint (bench/LoadTarget), measured over a window after warm-up.
#
#   bench/probe-capacity.sh 10000                 # 10k targets, 30 s warm-up, 60 s window
#   WARMUP=60 WINDOW=60 bench/probe-capacity.sh 100000
#   bench/probe-capacity.sh 10000 --Monitoring:History:PersistRawResults=false   # extra console args
#
# Env: WARMUP (s, default 30), WINDOW (s, default 60), INTERVAL (default 10s), TIMEOUT (default 5s),
#      PORT (console, default 10290), LOAD_PORT (default 18080), WORK (default /tmp/perf-N), NO_BUILD=1,
#      SCRAPE_EVERY (s, default 15; 0 = none): scrape /metrics during the window like Prometheus would,
#      AFTER="command" run after the measurement (console still up, BASE exported), e.g. bench/overview-render.sh.
# Prints one "RESULT" line; everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

N=${1:?usage: bench/probe-capacity.sh TARGETS [extra console args...]}
shift || true
WARMUP=${WARMUP:-30}
WINDOW=${WINDOW:-60}
INTERVAL=${INTERVAL:-10s}
TIMEOUT=${TIMEOUT:-5s}
SCRAPE_EVERY=${SCRAPE_EVERY:-15}
PORT=${PORT:-10290}
LOAD_PORT=${LOAD_PORT:-18080}
WORK=${WORK:-/tmp/perf-$N}
BASE="http://127.0.0.1:$PORT"
HZ=$(getconf CLK_TCK)

if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build -c Release src/McpMonitoring.Web -nologo -v quiet >/dev/null
  dotnet build -c Release bench/LoadTarget -nologo -v quiet >/dev/null
fi

rm -rf "$WORK" && mkdir -p "$WORK/config"
python3 - "$N" "$LOAD_PORT" "$INTERVAL" "$TIMEOUT" > "$WORK/config/targets.yml" <<'EOF'
import sys
n, port, interval, timeout = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
out = ["targets:"]
for i in range(n):
    out.append(f'  - {{name: t{i:06d}, kind: http, url: "http://127.0.0.1:{port}/ok?t={i}", interval: {interval}, timeout: {timeout}}}')
print("\n".join(out))
EOF

LOAD_PID=""; CONSOLE_PID=""
cleanup() {
  [ -n "$CONSOLE_PID" ] && kill "$CONSOLE_PID" 2>/dev/null && wait "$CONSOLE_PID" 2>/dev/null || true
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null && wait "$LOAD_PID" 2>/dev/null || true
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
health() { curl -sf "$BASE/health"; }
jq_py() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

dotnet bench/LoadTarget/bin/Release/net10.0/LoadTarget.dll --urls "http://127.0.0.1:$LOAD_PORT" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!

# The console runs from its project folder like `dotnet run` (static web assets resolve from there).
(cd src/McpMonitoring.Web && exec dotnet bin/Release/net10.0/McpMonitoring.Web.dll \
  --urls "$BASE" \
  --ConnectionStrings:Monitoring="Data Source=$WORK/m.db" \
  --Monitoring:ConfigDir="$WORK/config" \
  --Monitoring:Demo=false \
  --Logging:LogLevel:Default=Warning \
  "$@") >"$WORK/console.log" 2>&1 &
CONSOLE_PID=$!

start=$(date +%s)
until [ "$(health 2>/dev/null | jq_py "d['targets']['total']" 2>/dev/null || echo 0)" = "$N" ]; do
  kill -0 "$CONSOLE_PID" 2>/dev/null || { echo "console exited"; tail -20 "$WORK/console.log"; exit 1; }
  [ $(( $(date +%s) - start )) -gt 600 ] && { echo "console did not load $N targets in 600 s"; exit 1; }
  sleep 1
done
loaded=$(( $(date +%s) - start ))
echo "loaded $N targets in ${loaded}s; warming up ${WARMUP}s" >&2
sleep "$((WARMUP / 2))"
# The first scrape after start builds prometheus-net's per-series caches (and JITs): report it on its own.
# FIRST_SCRAPE=window leaves it to the measurement window instead.
first_scrape_ms=in_window
[ "${FIRST_SCRAPE:-warmup}" = window ] || first_scrape_ms=$(curl -s -o /dev/null -w '%{time_total}' "$BASE/metrics" | awk '{printf "%.0f", $1 * 1000}')
sleep "$((WARMUP - WARMUP / 2))"

curl -sf -X POST "$BASE/health/scheduler/reset-lag" >/dev/null
h0=$(health); c0=$(cpu_ticks "$CONSOLE_PID"); l0=$(cpu_ticks "$LOAD_PID"); t0=$(date +%s.%N)
rss_peak=0; scrapes=""; next_scrape=$(( $(date +%s) + SCRAPE_EVERY )); end=$(( $(date +%s) + WINDOW ))
while [ "$(date +%s)" -lt "$end" ]; do
  sleep 1
  r=$(rss_mb "$CONSOLE_PID"); [ "$r" -gt "$rss_peak" ] && rss_peak=$r
  if [ "$SCRAPE_EVERY" -gt 0 ] && [ "$(date +%s)" -ge "$next_scrape" ]; then
    scrapes="$scrapes$(curl -s -o /dev/null -w '%{time_total}' "$BASE/metrics" | awk '{printf "%.0f", $1 * 1000}'),"
    next_scrape=$(( $(date +%s) + SCRAPE_EVERY ))
  fi
done
h1=$(health); c1=$(cpu_ticks "$CONSOLE_PID"); l1=$(cpu_ticks "$LOAD_PID"); t1=$(date +%s.%N)

# One /metrics scrape at the end of the window (time and size).
scrape=$(curl -s -o "$WORK/metrics.txt" -w '%{time_total} %{size_download}' "$BASE/metrics")
scrape_ms=$(awk '{printf "%.0f", $1 * 1000}' <<<"$scrape")
scrape_kb=$(awk '{printf "%.0f", $2 / 1024}' <<<"$scrape")

secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
cpu=$(awk -v a="$c0" -v b="$c1" -v s="$secs" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) / hz / s * 100}')
load_cpu=$(awk -v a="$l0" -v b="$l1" -v s="$secs" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) / hz / s * 100}')
started0=$(jq_py "d['scheduler']['probesStarted']" <<<"$h0")
started1=$(jq_py "d['scheduler']['probesStarted']" <<<"$h1")
rate=$(awk -v a="$started0" -v b="$started1" -v s="$secs" 'BEGIN {printf "%.0f", (b - a) / s}')
p50=$(jq_py "d['scheduler']['lagP50Ms']" <<<"$h1")
p99=$(jq_py "d['scheduler']['lagP99Ms']" <<<"$h1")
max=$(jq_py "round(d['scheduler']['lagMaxMs'])" <<<"$h1")
skipped=$(jq_py "d['scheduler']['skippedBusy'] - $(jq_py "d['scheduler']['skippedBusy']" <<<"$h0")" <<<"$h1")
dropped=$(jq_py "d['history']['dropped']" <<<"$h1")
pending=$(jq_py "d['history']['pending']" <<<"$h1")
healthy=$(jq_py "d['targets']['healthy']" <<<"$h1")
rss=$(rss_mb "$CONSOLE_PID")
load_avg=$(cut -d' ' -f1-3 /proc/loadavg)

echo "RESULT targets=$N probes_per_s=$rate cpu_pct_of_core=$cpu rss_mb=$rss rss_peak_mb=$rss_peak lag_p50_ms=$p50 lag_p99_ms=$p99 lag_max_ms=$max skipped_busy=$skipped history_dropped=$dropped history_pending=$pending healthy=$healthy metrics_first_scrape_ms=$first_scrape_ms metrics_scrape_ms=$scrape_ms metrics_kb=$scrape_kb window_scrapes_ms=${scrapes%,} loadtarget_cpu_pct=$load_cpu window_s=${secs%.*} loadavg=\"$load_avg\""

if [ -n "${AFTER:-}" ]; then
  BASE="$BASE" bash -c "$AFTER"
fi
