#!/usr/bin/env python3
"""Webhook receiver for bench/alert-notify: for every POST, records the arrival time (ms since epoch) and, for each
firing alert in the console's payload that carries a `sent_at` annotation (client send time, ms), one line
`arrival_ms sent_at_ms instance` in the output file. GET /count answers the number of POSTs received so far."""
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, out_path = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
posts = 0
out = open(out_path, "a", buffering=1)

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global posts
        arrival = time.time() * 1000.0
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        lines = []
        try:
            msg = json.loads(body)
            for a in msg.get("alerts", []):
                sent = (a.get("annotations") or {}).get("sent_at")
                if sent and msg.get("status") == "firing":
                    lines.append(f"{arrival:.1f} {sent} {(a.get('labels') or {}).get('instance', '')}\n")
        except ValueError:
            pass
        with lock:
            posts += 1
            out.writelines(lines)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            data = str(posts).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
