#!/usr/bin/env bash
# Time to first render of the Overview (/) on a running console: the prerendered HTML (curl, 5 runs)
# and a headless chromium load until the interactive circuit marks [data-testid=overview][data-ready=true].
#   BASE=http://127.0.0.1:10290 bench/overview-render.sh
set -uo pipefail
BASE=${BASE:-http://127.0.0.1:10290}
for i in 1 2 3 4 5; do
  curl -s -o /tmp/overview.html -w "overview_prerender run=$i http=%{http_code} ttfb_ms=%{time_starttransfer} total_s=%{time_total} bytes=%{size_download}\n" "$BASE/"
done | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^ttfb_ms=/) { split($i, a, "="); $i = sprintf("ttfb_ms=%.0f", a[2] * 1000) } print }'
grep -o 'data-testid="count-total"[^<]*<' /tmp/overview.html | head -1
dir=$(dirname "$0")
node_ok=0; command -v node >/dev/null && [ -d "$dir/node_modules/playwright-core" ] && node_ok=1
if [ "$node_ok" = 1 ]; then
  node "$dir/overview-render.mjs" "$BASE"
else
  # Without Playwright: chromium's own load of the page, with time for the circuit to connect.
  for i in 1 2 3; do
    start=$(date +%s%N)
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --virtual-time-budget=3000 --dump-dom "$BASE/" 2>/dev/null > /tmp/overview-dom.html
    end=$(date +%s%N)
    ready=$(grep -o 'data-testid="overview" data-ready="[a-z]*"' /tmp/overview-dom.html | head -1)
    echo "overview_chromium run=$i wall_ms=$(( (end - start) / 1000000 )) $ready"
  done
fi
