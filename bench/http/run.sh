#!/usr/bin/env bash
# Load benchmark for the HTTP gateway, run by hand (not in CI):
#   1. wrk against POST /chat (echo responder) and against nginx serving a static file of the
#      same size, in the same run, same wrk settings;
#   2. 10,000 idle keep-alive connections held by bench/http/idle_connections.py.
# Loopback only; every run is bounded by DURATION and `timeout`. Needs: apt-get install -y wrk nginx
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
IDLE=${IDLE:-10000}
BISEO_PORT=${BISEO_PORT:-18480}
NGINX_PORT=${NGINX_PORT:-18481}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
work=$(mktemp -d /tmp/biseo-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data and must read the static file
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# 10,000 held connections on each side (server and client are separate processes), plus slack.
# Raise the soft fd limit to the hard one; a container without CAP_SYS_RESOURCE cannot go higher.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE + 256)) ]; then
  echo "fd limit $(ulimit -n) is too low for $IDLE idle connections" >&2
  exit 1
fi

swift build -c release --product biseo 2>&1 | tail -n 1
biseo=$(swift build -c release --show-bin-path)/biseo

# nginx: a static file as large as the /chat echo reply, same machine, same loopback.
mkdir -p "$work/www" "$work/logs"
reply='{"end_session":false,"quick_replies":[{"payload":"/restart","title":"처음으로"}],"sender":"bench","texts":["올해 건강검진 받아야 해?","1번째 메시지예요."]}'
printf '%s' "$reply" > "$work/www/chat.json"
cat > "$work/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { root $work/www; default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"

"$biseo" serve --echo --http "127.0.0.1:$BISEO_PORT" --max-connections 12000 --idle-timeout 120 \
  > "$work/serve.out" 2> "$work/serve.err" &
pids+=($!)
for _ in $(seq 50); do grep -q '^http on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done

bound=$((${DURATION%s} + 20))
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared)"
echo "== nginx ($NGINX_WORKERS workers) static file (GET /chat.json), wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
timeout "$bound" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  "http://127.0.0.1:$NGINX_PORT/chat.json" | tee "$work/nginx.txt"
echo "== biseo POST /chat (echo responder), same settings"
timeout "$bound" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s bench/http/chat.lua "http://127.0.0.1:$BISEO_PORT/chat" | tee "$work/biseo.txt"

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
echo "== summary"
echo "nginx: $(rps "$work/nginx.txt") req/s, p99 $(p99 "$work/nginx.txt")"
echo "biseo: $(rps "$work/biseo.txt") req/s, p99 $(p99 "$work/biseo.txt")"
awk -v b="$(rps "$work/biseo.txt")" -v n="$(rps "$work/nginx.txt")" \
  'BEGIN { printf "ratio: %.0f %% of nginx (goal >= 50 %%)\n", 100 * b / n }'

echo "== $IDLE idle keep-alive connections"
timeout 300 python3 bench/http/idle_connections.py "$BISEO_PORT" "$IDLE" 10 "${pids[0]}"
