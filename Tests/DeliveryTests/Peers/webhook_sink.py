#!/usr/bin/env python3
"""Misbehaving Standard Webhooks receiver for DeliveryTests (loopback only).

Usage: webhook_sink.py SECRET  -- prints "PORT <n>" once listening.
Every POST is verified with the `standardwebhooks` library; a bad signature counts in
stats and gets 401. The path picks a plan of responses, one per attempt of a webhook-id
(the last entry repeats):
  /ok        200
  /fail2     500, 500, 200
  /slow      stall 3 s then 200, then 200     (the client's timeout must fire)
  /reset     drop the connection without a reply, then 200
  /throttle  429 Retry-After: 1, then 200
  /gone      410 forever
A 2xx is "processed" only the first time a webhook-id is seen (receiver-side dedup).
GET /stats returns {"bad_signatures": n, "errors": [...], "keys": {id: {"attempts", "processed", "times"}}}.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

PLANS = {"/ok": ["200"], "/fail2": ["500", "500", "200"], "/slow": ["slow", "200"],
         "/reset": ["reset", "200"], "/throttle": ["429", "200"], "/gone": ["410"]}
lock = threading.Lock()
stats = {"bad_signatures": 0, "errors": [], "keys": {}}
webhook = Webhook(sys.argv[1])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with lock:
            body = json.dumps(stats).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            webhook.verify(body, dict(self.headers.items()))
        except WebhookVerificationError as error:
            with lock:
                stats["bad_signatures"] += 1
                stats["errors"].append("%s %s: %s [ts=%s len=%d body=%r]" % (self.path, self.headers.get("webhook-id"), error, self.headers.get("webhook-timestamp"), len(body), body[:40]))
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        key = self.headers["webhook-id"]
        with lock:
            s = stats["keys"].setdefault(key, {"attempts": 0, "processed": 0, "times": []})
            s["attempts"] += 1
            s["times"].append(time.time())
            plan = PLANS.get(self.path, ["404"])
            step = plan[min(s["attempts"] - 1, len(plan) - 1)]
        if step == "reset":
            self.close_connection = True
            self.connection.close()
            return
        if step == "slow":
            time.sleep(3)
            step = "200"
        code = int(step)
        if 200 <= code < 300:
            with lock:
                if s["processed"] == 0:
                    s["processed"] += 1
        self.send_response(code)
        if code == 429:
            self.send_header("Retry-After", "1")
        self.send_header("Content-Length", "0")
        self.end_headers()


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT", server.server_address[1], flush=True)
    server.serve_forever()
