#!/usr/bin/env bash
# Builds fuzz-rules with libFuzzer and AddressSanitizer (its own scratch path, so the normal
# build is untouched) and fuzzes the rule parser, checker and the three evaluation lanes.
#
#   bash bench/fuzz/run.sh                 # 5 minutes
#   TIME=60 bash bench/fuzz/run.sh         # 1 minute
#   bash bench/fuzz/run.sh -runs=1000      # extra libFuzzer flags pass through
#
# A crash leaves crash-<sha1> under $ARTIFACTS; copy it into bench/fuzz/regressions/ and fix
# it (the regression folder is replayed by `swift run fuzz-rules bench/fuzz/regressions` and
# by the test suite).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TIME="${TIME:-300}"
CORPUS="${CORPUS:-/tmp/biseo-fuzz/corpus}"
ARTIFACTS="${ARTIFACTS:-/tmp/biseo-fuzz/artifacts}"
mkdir -p "$CORPUS" "$ARTIFACTS"
cd "$REPO"
swift build --product fuzz-rules --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING \
  --scratch-path .build-fuzz
# Without SWIFT_BACKTRACE=enable=no the Swift crash handler takes the trap first and no
# crash file is written.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/fuzz-rules \
  "$CORPUS" "$HERE/seeds" "$HERE/regressions" -dict="$HERE/rules.dict" \
  -max_total_time="$TIME" -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 "$@"
