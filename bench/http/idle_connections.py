#!/usr/bin/env python3
"""Open N keep-alive connections to a loopback HTTP server, make one request on each, then
hold them idle and check that the server still answers a fresh probe quickly.

Usage: idle_connections.py PORT N HOLD_SECONDS [SERVER_PID]
(loopback only; a test peer, not product code)
"""
import socket
import sys
import time

port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
server_pid = sys.argv[4] if len(sys.argv) > 4 else None
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
with socket.create_connection(("127.0.0.1", port), timeout=5) as probe:
    probe.sendall(b"GET /metrics HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
    metrics = b""
    while chunk := probe.recv(65536):
        metrics += chunk
for line in metrics.decode().splitlines():
    if line.startswith("biseo_connections"):
        print("while holding:", line)
if server_pid:
    with open(f"/proc/{server_pid}/status") as status:
        print("while holding:", ", ".join(l.split(":")[0] + " " + l.split(":")[1].strip()
              for l in status if l.startswith(("VmRSS", "Threads"))))
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
