#!/usr/bin/env bash
# Differential test of Biseo's SPEC rules (bench/rules/spec/*.rule) against oracle.py.
#
#   bash bench/rules/differential.sh            # N=3000 citizens x 8 dates (CI)
#   N=20000 SEED=7 bash bench/rules/differential.sh
#
# Generates a population with gen_population.py, runs oracle.py and Biseo for every date in
# DATES (both sides of every dated parameter, a leap day, year ends, dates before the data
# date), and compares the JSON values citizen by citizen (key order and spacing ignored).
# Plain Python 3 only: oracle.py and gen_population.py import nothing outside the standard
# library. Exit 0 when every citizen on every date agrees, 1 otherwise.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ORACLE_DIR="${ORACLE_DIR:-$HERE}"
if [[ ! -f "$ORACLE_DIR/oracle.py" ]]; then
  echo "oracle.py not found in $ORACLE_DIR (set ORACLE_DIR)" >&2
  exit 2
fi
N="${N:-3000}"
SEED="${SEED:-20260531}"
DATES="${DATES:-2024-12-31,2025-01-01,2026-06-15,2026-11-20,2026-12-31,2027-01-01,2028-02-29,2030-03-01}"
WORK="${WORK:-$(mktemp -d /tmp/biseo-diff.XXXXXX)}"
mkdir -p "$WORK"
POP="$WORK/population.jsonl"

python3 "$ORACLE_DIR/gen_population.py" "$N" --seed "$SEED" --out "$POP"

IFS=',' read -r -a DATE_LIST <<<"$DATES"
for d in "${DATE_LIST[@]}"; do
  python3 "$ORACLE_DIR/oracle.py" "$POP" --as-of "$d" --out "$WORK/oracle-$d.jsonl"
done

cd "$REPO"
if [[ -d Sources/biseo/Commands ]] && grep -q EvaluateCommand Sources/biseo/Commands/*.swift 2>/dev/null; then
  swift build --product biseo >/dev/null
  BIN="$(swift build --product biseo --show-bin-path)/biseo"
  for d in "${DATE_LIST[@]}"; do
    "$BIN" evaluate --rules bench/rules/spec --population "$POP" --as-of "$d" >"$WORK/biseo-$d.jsonl"
  done
else
  # Until the command is wired: the same library call, driven from the test target.
  swift build --build-tests >/dev/null
  BISEO_DIFF_POPULATION="$POP" BISEO_DIFF_DATES="$DATES" BISEO_DIFF_OUT="$WORK" \
    swift test --skip-build --filter 'BatchDriverTests' 2>&1 | grep -E 'BISEO_DIFF|error|✘' || true
fi

python3 - "$WORK" "${DATE_LIST[@]}" <<'PY'
import json, sys
work, dates = sys.argv[1], sys.argv[2:]
total = agree = 0
by_key = {}
examples = []
for d in dates:
    with open(f"{work}/oracle-{d}.jsonl") as f:
        want = [json.loads(l) for l in f]
    try:
        with open(f"{work}/biseo-{d}.jsonl") as f:
            got = [json.loads(l) for l in f]
    except FileNotFoundError:
        got = []
    got_by_id = {g.get("id"): g for g in got}
    for w in want:
        total += 1
        g = got_by_id.get(w["id"], {})
        bad = [k for k in w if g.get(k, "<missing>") != w[k]]
        if not bad:
            agree += 1
            continue
        for k in bad:
            by_key[k] = by_key.get(k, 0) + 1
        if len(examples) < 8:
            examples.append({"id": w["id"], "asOf": d,
                             "diff": {k: {"biseo": g.get(k, "<missing>"), "oracle": w[k]} for k in bad}})
print(json.dumps({"checked": total, "agree": agree, "dates": len(dates),
                  "mismatchByOutput": by_key, "examples": examples}, ensure_ascii=False, indent=1))
sys.exit(0 if total and agree == total else 1)
PY
