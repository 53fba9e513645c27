"""A population of any size from the demo profiles: every date of each clone shifted by one
random offset (ages, children, cars and licences vary), income percentiles drawn anew.

    python3 vary_population.py N [SEED] > population.jsonl
"""
import datetime
import glob
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILES = sorted(glob.glob(os.path.join(HERE, "..", "..", "Corpus", "profiles", "*.json")))
DATE = re.compile(r'"(\d{4})-(\d{2})-(\d{2})"')


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    profiles = [json.dumps(json.load(open(p, encoding="utf-8")), ensure_ascii=False) for p in PROFILES]
    out = sys.stdout
    for i in range(n):
        text = profiles[i % len(profiles)]
        offset = datetime.timedelta(days=rng.randint(-5000, 5000))

        def shift(m):
            try:
                d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + offset
            except (ValueError, OverflowError):
                return m.group(0)
            return '"%s"' % d.isoformat()

        citizen = json.loads(DATE.sub(shift, text))
        citizen["id"] = "%s-v%d" % (citizen.get("id", "c"), i)
        if "incomePercentile" in citizen:
            citizen["incomePercentile"] = rng.randint(1, 100)
        out.write(json.dumps(citizen, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
