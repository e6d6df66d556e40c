-- wrk body generator: each request posts a batch of 100 alerts in Alertmanager's v2 format, cycling
-- through ACTIVE (default 10,000) distinct alerts, as Prometheus re-sends its active alerts every evaluation.
local active = tonumber(os.getenv("ACTIVE") or "10000")
local batch = 100
local counter = 0

local ends_at = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + 3600)

function request()
  local parts = {}
  for i = 1, batch do
    local n = (counter % active)
    counter = counter + 1
    parts[i] = string.format(
      '{"labels":{"alertname":"InstanceDown","instance":"node-%d:9100","job":"node","severity":"critical"},' ..
      '"annotations":{"summary":"node %d is down"},"startsAt":"2026-11-29T10:00:00Z","endsAt":"%s",' ..
      '"generatorURL":"http://prometheus:9090/graph"}', n, n, ends_at)
  end
  local body = "[" .. table.concat(parts, ",") .. "]"
  local headers = { ["Content-Type"] = "application/json" }
  return wrk.format("POST", "/api/v2/alerts", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("alerts/s: %.0f  (requests/s %.1f, p99 latency %.1f ms, errors %d)\n",
    summary.requests / (summary.duration / 1e6) * batch, summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
