#!/usr/bin/env bash
# Scrape load, side by side: the console and a real Prometheus (Debian package) scrape the same N targets
# (default 1,000), each serving SERIES series (default 1,000) at a 15 s interval. All targets point at one small
# server (bench/LoadTarget /metrics) and are told apart by a label, as in the reference measurement in issue 4.
# After a warm-up, CPU of each process is measured over a window (from /proc/PID/stat) and resident memory at its
# end; the console's store reports its compressed bytes per sample.
#
#   bench/scrape-load/run.sh                    # 1,000 x 1,000, 180 s warm-up, 300 s window
#   N=100 SERIES=1000 WARMUP=60 WINDOW=120 bench/scrape-load/run.sh
#   ONLY=console bench/scrape-load/run.sh       # or ONLY=prometheus: one at a time (no contention)
#
# Env: N, SERIES, INTERVAL (15s), WARMUP (s), WINDOW (s), PORT (console, 10291), PROM_PORT (19090),
#      LOAD_PORT (18081), WORK (/tmp/scrape-load), NO_BUILD=1, ONLY=console|prometheus.
# Prints RESULT lines; everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-1000}
SERIES=${SERIES:-1000}
INTERVAL=${INTERVAL:-15s}
WARMUP=${WARMUP:-180}
WINDOW=${WINDOW:-300}
PORT=${PORT:-10291}
PROM_PORT=${PROM_PORT:-19090}
LOAD_PORT=${LOAD_PORT:-18081}
WORK=${WORK:-/tmp/scrape-load}
ONLY=${ONLY:-both}
HZ=$(getconf CLK_TCK)

if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build -c Release src/McpMonitoring.Web -nologo -v quiet >/dev/null
  dotnet build -c Release bench/LoadTarget -nologo -v quiet >/dev/null
fi

rm -rf "$WORK" && mkdir -p "$WORK/config" "$WORK/prom" "$WORK/data"
python3 - "$N" "$LOAD_PORT" "$INTERVAL" > "$WORK/config/prometheus.yml" <<'PY'
import sys
n, port, interval = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = ["global:", f"  scrape_interval: {interval}", "  scrape_timeout: 10s", "scrape_configs:", "  - job_name: load", "    static_configs:"]
for i in range(n):
    out.append(f'      - {{targets: ["127.0.0.1:{port}"], labels: {{t: "{i}"}}}}')
print("\n".join(out))
PY

LOAD_PID=""; CONSOLE_PID=""; PROM_PID=""
cleanup() {
  for pid in $CONSOLE_PID $PROM_PID $LOAD_PID; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

SERIES=$SERIES dotnet bench/LoadTarget/bin/Release/net10.0/LoadTarget.dll --urls "http://127.0.0.1:$LOAD_PORT" >"$WORK/load.log" 2>&1 &
LOAD_PID=$!
until curl -sf "http://127.0.0.1:$LOAD_PORT/metrics" >/dev/null; do sleep 0.2; done
echo "exposition: $(curl -s "http://127.0.0.1:$LOAD_PORT/metrics" | grep -vc '^#') series, $(curl -s "http://127.0.0.1:$LOAD_PORT/metrics" | wc -c) bytes per scrape"

if [ "$ONLY" != prometheus ]; then
  (cd "$WORK" && exec dotnet "$OLDPWD/src/McpMonitoring.Web/bin/Release/net10.0/McpMonitoring.Web.dll" \
    --urls "http://127.0.0.1:$PORT" --Monitoring:Demo=false --Monitoring:ConfigDir="$WORK/config" \
    --ConnectionStrings:Monitoring="Data Source=$WORK/data/monitoring.db" --Logging:LogLevel:Default=Warning) >"$WORK/console.log" 2>&1 &
  CONSOLE_PID=$!
fi
if [ "$ONLY" != console ]; then
  prometheus --config.file="$WORK/config/prometheus.yml" --storage.tsdb.path="$WORK/prom" \
    --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
  PROM_PID=$!
fi

echo "warm-up ${WARMUP}s (console pid ${CONSOLE_PID:-none}, prometheus pid ${PROM_PID:-none})"
sleep "$WARMUP"
c0=0; p0=0
[ -n "$CONSOLE_PID" ] && c0=$(cpu_ticks "$CONSOLE_PID")
[ -n "$PROM_PID" ] && p0=$(cpu_ticks "$PROM_PID")
sleep "$WINDOW"
c1=0; p1=0
[ -n "$CONSOLE_PID" ] && c1=$(cpu_ticks "$CONSOLE_PID")
[ -n "$PROM_PID" ] && p1=$(cpu_ticks "$PROM_PID")

if [ -n "$CONSOLE_PID" ]; then
  summary=$(curl -s "http://127.0.0.1:$PORT/metrics/summary")
  console_cpu=$(python3 -c "print(f'{($c1-$c0)/$HZ/$WINDOW*100:.1f}')")
  echo "RESULT console cpu_pct_of_one_core=$console_cpu rss_mb=$(rss_mb "$CONSOLE_PID") $(echo "$summary" | python3 -c "
import json,sys; d=json.load(sys.stdin); s=d['store']; sc=d['scrape']
print(f\"series={s['series']} samples={s['samples']} chunk_bytes={s['chunkBytes']} bytes_per_sample={s['bytesPerSample']} targets_up={sc['up']} down={sc['down']} unknown={sc['unknown']}\")")"
fi
if [ -n "$PROM_PID" ]; then
  prom_cpu=$(python3 -c "print(f'{($p1-$p0)/$HZ/$WINDOW*100:.1f}')")
  q() { curl -s "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1" | python3 -c "import json,sys; r=json.load(sys.stdin)['data']['result']; print(r[0]['value'][1] if r else 'n/a')"; }
  echo "RESULT prometheus cpu_pct_of_one_core=$prom_cpu rss_mb=$(rss_mb "$PROM_PID") head_series=$(curl -s "http://127.0.0.1:$PROM_PORT/api/v1/status/tsdb" | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['headStats']['numSeries'])") targets_up=$(q 'sum(up{job="load"})')"
fi
if [ -n "$CONSOLE_PID" ] && [ -n "$PROM_PID" ]; then
  python3 -c "
c=$c1-$c0; p=$p1-$p0
print(f'RESULT ratio console/prometheus cpu={c/p:.2f} rss={$(rss_mb "$CONSOLE_PID")/$(rss_mb "$PROM_PID"):.2f}')"
fi
