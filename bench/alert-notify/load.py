#!/usr/bin/env python3
"""Drives bench/alert-notify over HTTP (stdlib only). Usage:
  load.py setup BASE ALERTS SILENCES RULES   -> 10,000 alerts in batches of 100, silences, inhibition rules
  load.py raise BASE N RATE                  -> N new alerts one at a time at RATE/s, annotation sent_at = send time (ms)
"""
import json, sys, time, urllib.request

def post(base, path, body, timeout=120):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        r.read()
        return r.status

def alert(i, ends_at, **annotations):
    return {"labels": {"alertname": "InstanceDown", "instance": f"node-{i}:9100", "job": "node", "severity": "critical",
                       "datacenter": f"dc-{i % 4}"},
            "annotations": {"summary": f"node {i} is down", **annotations},
            "endsAt": ends_at, "generatorURL": "http://prometheus:9090/graph"}

def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

cmd, base = sys.argv[1], sys.argv[2]
ends = iso(time.time() + 6 * 3600)
if cmd == "setup":
    n_alerts, n_silences, n_rules = map(int, sys.argv[3:6])
    t0 = time.time()
    for start in range(0, n_alerts, 100):
        post(base, "/api/v2/alerts", [alert(i, ends) for i in range(start, min(start + 100, n_alerts))])
    t1 = time.time()
    for i in range(n_silences):
        # Realistic maintenance silences that match none of the measured alerts (instance maint-N).
        post(base, "/silences", {"matchers": [{"name": "instance", "value": f"maint-{i}:9100", "isRegex": False, "isEqual": True},
                                              {"name": "job", "value": "node", "isRegex": False, "isEqual": True}],
                                 "endsAt": ends, "comment": f"maintenance {i}", "createdBy": "bench"})
    t2 = time.time()
    for i in range(n_rules):
        # Sources match nothing firing; targets match every measured alert, so each rule is evaluated for each alert.
        post(base, "/inhibition-rules", {"name": f"dc-outage-{i}",
                                         "sourceMatchers": [{"name": "alertname", "value": f"DatacenterDown{i}", "isRegex": False, "isEqual": True}],
                                         "targetMatchers": [{"name": "severity", "value": "critical", "isRegex": False, "isEqual": True}],
                                         "equal": ["datacenter"]})
    t3 = time.time()
    print(f"setup: {n_alerts} alerts {t1 - t0:.1f}s, {n_silences} silences {t2 - t1:.1f}s, {n_rules} rules {t3 - t2:.1f}s")
elif cmd == "raise":
    n, rate = int(sys.argv[3]), float(sys.argv[4])
    start = time.time()
    slow = failed = 0
    for k in range(n):
        due = start + k / rate
        now = time.time()
        if due > now:
            time.sleep(due - now)
        sent = time.time()
        try:
            post(base, "/api/v2/alerts", [alert(100000 + k, ends, sent_at=str(int(sent * 1000)))], timeout=30)
        except OSError as e:
            failed += 1
            print(f"alert {k}: POST failed after {time.time() - sent:.1f}s: {e}")
            if failed >= 3:
                print("giving up after 3 failed POSTs")
                break
        if time.time() - sent > 1:
            slow += 1
    print(f"raised {k + 1 - failed} of {n} alerts in {time.time() - start:.1f}s (POSTs over 1 s: {slow}, failed: {failed})")
