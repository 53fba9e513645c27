#!/usr/bin/env bash
# The daemon's kill -9 loops at bench size: 1,000 random kills each (CI runs 200, 60 for mail)
# of `biseo daemon --once`, first with the outbox, then with the outbox and an idempotent
# webhook receiver (Tests/BiseoEndToEndTests/Peers/idempotent_webhook_sink.py), then with an
# SMTP peer (aiosmtpd) and the webhook receiver together (DaemonMailCrashTests).
# Usage, from anywhere: bench/daemon/crash-loop.sh [ITERATIONS]   (needs python3 with
# standardwebhooks and aiosmtpd: pip install standardwebhooks aiosmtpd)
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000}"
export PATH="$PATH:/opt/swift/usr/bin"
python3 -c "import standardwebhooks, aiosmtpd" \
  || { echo "crash-loop: pip install standardwebhooks aiosmtpd first" >&2; exit 1; }
swift build --build-tests
start=$(date +%s)
DAEMON_CRASH_ITERATIONS="$n" DAEMON_WEBHOOK_CRASH_ITERATIONS="$n" DAEMON_MAIL_CRASH_ITERATIONS="$n" \
  swift test --skip-build --filter 'DaemonTests/killedAtRandom|DaemonMailCrashTests' 2>&1 \
  | grep -E 'daemon(Webhook|Mail)?Crash:|skipped|✘|Test run'
echo "crash-loop: $n iterations each in $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
