#!/usr/bin/env python3
"""Open N keep-alive connections to a loopback HTTP server, make one request on each, then
hold them idle and check that the server still answers a fresh probe quickly.

Usage: idle_connections.py PORT N HOLD_SECONDS   (loopback only; a test peer, not product code)
"""
import socket
import sys
import time

port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n"


def exchange(sock):
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data or not data.endswith(b'{"status":"ok"}'):
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data.split(b" ", 2)[1]


held, failed = [], 0
start = time.monotonic()
for _ in range(count):
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        if exchange(sock) != b"200":
            failed += 1
        held.append(sock)
    except OSError:
        failed += 1
        sock.close()
opened = time.monotonic() - start
print(f"opened {len(held)} keep-alive connections ({failed} failed) in {opened:.1f} s")

time.sleep(hold)
probes = []
for _ in range(20):
    t = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as probe:
        exchange(probe)
    probes.append((time.monotonic() - t) * 1000)
probes.sort()
alive = 0
for sock in held:  # every held connection must still answer after the idle period
    try:
        if exchange(sock) == b"200":
            alive += 1
    except OSError:
        pass
print(f"after {hold:.0f} s idle: {alive}/{len(held)} still answer; "
      f"fresh probe median {probes[len(probes) // 2]:.2f} ms, max {probes[-1]:.2f} ms")
for sock in held:
    sock.close()
sys.exit(0 if alive == count else 1)
