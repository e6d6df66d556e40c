#!/usr/bin/env bash
# Alert evaluation to notification (issue 3): the Release console with 10,000 active alerts, 1,000 silences and
# 100 inhibition rules, everything routed to a webhook receiver (bench/alert-notify/receiver.py) with
# group_by [alertname, instance] (each new alert is its own group), group_wait 0s, group_interval 5m. After the
# initial notifications drain, measures idle CPU/RSS, then raises N new alerts one at a time at RATE/s, each with
# annotation sent_at = client send time (ms), and reports receiver arrival - sent_at (p50/p95/p99/max).
# Usage: bench/alert-notify/run.sh [N=300] [RATE=10] [IDLE_SECONDS=20]   (NO_BUILD=1 skips the build; CONSOLE_DLL=path
# runs another build, e.g. an older commit; ALERTS/SILENCES/RULES change the state)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-300}
RATE=${2:-10}
IDLE=${3:-20}
ALERTS=${ALERTS:-10000}
SILENCES=${SILENCES:-1000}
RULES=${RULES:-100}
WORK=$(mktemp -d /tmp/alert-notify.XXXX)
CONSOLE_PORT=${CONSOLE_PORT:-10295}
RECEIVER_PORT=${RECEIVER_PORT:-10297}
BASE="http://127.0.0.1:$CONSOLE_PORT"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

[ "${NO_BUILD:-}" = 1 ] || dotnet build src/McpMonitoring.Web -c Release -nologo -v quiet >/dev/null
mkdir -p "$WORK/config"
cat > "$WORK/config/alerting.yml" <<YML
route:
  receiver: bench
  group_by: [alertname, instance]
  group_wait: 0s
  group_interval: 5m
  repeat_interval: 4h
receivers:
  - name: bench
    webhook_configs:
      - url: http://127.0.0.1:$RECEIVER_PORT/hook
YML

python3 bench/alert-notify/receiver.py "$RECEIVER_PORT" "$WORK/arrivals.txt" &
pids+=($!)
dotnet "${CONSOLE_DLL:-src/McpMonitoring.Web/bin/Release/net10.0/McpMonitoring.Web.dll}" --urls "$BASE" \
  --ConnectionStrings:Monitoring="Data Source=$WORK/console.db" --Monitoring:ConfigDir="$WORK/config" --Monitoring:Demo=false \
  --Logging:LogLevel:Default=Warning > "$WORK/console.log" 2>&1 &
pids+=($!); CONSOLE_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/health" >/dev/null || { echo "console did not start"; cat "$WORK/console.log"; exit 1; }

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hz=$(getconf CLK_TCK)
posts() { curl -s "http://127.0.0.1:$RECEIVER_PORT/count"; }

echo "== alert-notify: $ALERTS alerts, $SILENCES silences, $RULES inhibition rules; $N new alerts at $RATE/s; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
timeout "${SETUP_TIMEOUT:-900}" python3 bench/alert-notify/load.py setup "$BASE" "$ALERTS" "$SILENCES" "$RULES" || echo "setup did not finish within ${SETUP_TIMEOUT:-900}s (exit $?)"

# Wait for the initial notifications (one per alert) to drain: the receiver count stops moving for 5 s.
t0=$(date +%s); last=-1; still=0
while [ "$still" -lt 5 ] && [ $(( $(date +%s) - t0 )) -lt "${DRAIN_TIMEOUT:-600}" ]; do
  sleep 1; now=$(posts); if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last=$now; fi
done
echo "initial notifications received: $(posts) in $(( $(date +%s) - t0 ))s"

c0=$(cpu_ticks "$CONSOLE_PID"); sleep "$IDLE"; c1=$(cpu_ticks "$CONSOLE_PID")
awk -v a="$c0" -v b="$c1" -v hz="$hz" -v s="$IDLE" -v rss="$(rss_mb "$CONSOLE_PID")" \
  'BEGIN {printf "idle (%ss, state loaded, nothing changing): console cpu %.1f%% of one core, rss %s MB\n", s, (b-a)/hz/s*100, rss}'

: > "$WORK/arrivals.txt"
c0=$(cpu_ticks "$CONSOLE_PID"); s0=$(date +%s.%N)
python3 bench/alert-notify/load.py raise "$BASE" "$N" "$RATE" || true
for _ in $(seq 1 30); do [ "$(wc -l < "$WORK/arrivals.txt")" -ge "$N" ] && break; sleep 1; done
c1=$(cpu_ticks "$CONSOLE_PID"); s1=$(date +%s.%N)
awk -v a="$c0" -v b="$c1" -v hz="$hz" -v s0="$s0" -v s1="$s1" -v rss="$(rss_mb "$CONSOLE_PID")" \
  'BEGIN {printf "during the raise: console cpu %.1f%% of one core, rss %s MB\n", (b-a)/hz/(s1-s0)*100, rss}'
python3 - "$WORK/arrivals.txt" "$N" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
lat = sorted(float(a) - float(s) for a, s, _ in rows)
n = int(sys.argv[2])
def pct(p): return lat[min(len(lat) - 1, max(0, int(round(p / 100 * len(lat))) - 1))]
if not lat:
    print(f"received 0 of {n}"); sys.exit(0)
print(f"evaluation-to-notification ms: received {len(lat)} ({len(set(r[2] for r in rows))} distinct) of {n}  p50 {pct(50):.0f}  p95 {pct(95):.0f}  p99 {pct(99):.0f}  max {lat[-1]:.0f}")
PY
