#!/usr/bin/env python3
"""An idempotent Standard Webhooks receiver for the daemon's crash loop (loopback only).

Usage: idempotent_webhook_sink.py SECRET  -- prints "PORT <n>" once listening.
Every POST is verified with the reference `standardwebhooks` library (a bad signature is
counted and answered 401) and must carry its own webhook-id as data.key. Paths:
  /gone  410 Gone for every request (each one counted).
  /stall-first  like any other receiver, but the very first POST it gets is processed and
         then left unanswered for 60 s: the sender is killed while it waits, and its
         restart must send that id again.
  any other path is a receiver of its own (its own set of seen ids): the first POST of a
         webhook-id is processed; a repeat is acknowledged (200) and counted as a
         duplicate, never processed again. The reply waits 0-30 ms after the
         delivery is recorded, so a kill -9 of the sender often lands after the receiver
         processed a request but before the sender heard the 200: the case a restarted
         sender must redeliver and the receiver must absorb.
A POST whose body ends before its Content-Length (the sender killed mid-request) is
counted as torn and never processed or verified.
GET /stats returns {"bad_signatures", "errors", "gone_requests", "torn_requests",
"receivers": {path: {"processed": [ids in order], "duplicates": n, "repeated": [ids]}}}.
"""
import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

lock = threading.Lock()
stats = {"bad_signatures": 0, "errors": [], "gone_requests": 0, "torn_requests": 0,
         "receivers": {}}
seen = {}
stalled = []
webhook = Webhook(sys.argv[1])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code):
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            body = json.dumps(stats).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        # http.server hands over a header block cut by EOF as if it were complete, so a
        # missing Content-Length (the sender always sends one) is a torn request too.
        length = self.headers.get("Content-Length", "")
        length = int(length) if length.isdigit() else -1
        body = self.rfile.read(length) if length >= 0 else b""
        key = self.headers.get("webhook-id")
        if length < 0 or len(body) < length:
            # The sender was killed while writing the request: an incomplete HTTP
            # message, which no server processes (and no signature covers).
            with lock:
                stats["torn_requests"] += 1
            self.close_connection = True
            return
        try:
            webhook.verify(body, dict(self.headers.items()))
            if json.loads(body)["data"]["key"] != key:
                raise WebhookVerificationError("data.key differs from webhook-id")
        except (WebhookVerificationError, ValueError, KeyError) as error:
            with lock:
                stats["bad_signatures"] += 1
                stats["errors"].append("%s %s: %s (body %d of %d bytes; headers %s)" % (
                    self.path, key, error, len(body), length, sorted(self.headers.keys())))
            self.reply(401)
            return
        if self.path == "/gone":
            with lock:
                stats["gone_requests"] += 1
            self.reply(410)
            return
        with lock:
            receiver = stats["receivers"].setdefault(
                self.path, {"processed": [], "duplicates": 0, "repeated": []})
            ids = seen.setdefault(self.path, set())
            if key in ids:
                receiver["duplicates"] += 1
                receiver["repeated"].append(key)
            else:
                ids.add(key)
                receiver["processed"].append(key)
            stall = self.path == "/stall-first" and not stalled
            if stall:
                stalled.append(key)
        time.sleep(60 if stall else random.uniform(0, 0.03))
        self.reply(200)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT", server.server_address[1], flush=True)
    server.serve_forever()
