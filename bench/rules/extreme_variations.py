# Extreme-number variations of the demo citizens (Corpus/profiles), for holding the vector lane
# to the general machine where faults happen: numbers set to 0, ±1, ±1e15, 2^62, Int.min/max
# and a few thresholds, keys and list items dropped, list items repeated.
#
#   python3 bench/rules/extreme_variations.py 6000 77 /tmp/extreme.jsonl
import copy, glob, json, os, random, sys

n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed)
profiles = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'Corpus', 'profiles', '*.json')))]
EXT = [0, 1, -1, 10**15, -10**15, 2**62, 2**62 + 1, 9223372036854775807, -9223372036854775808, 99, 1000, 1600, 1601, 2000, 3]
def vary(v, p):
    if isinstance(v, bool): return v
    if isinstance(v, int): return rnd.choice(EXT) if rnd.random() < p else v
    if isinstance(v, float): return rnd.choice(EXT + [0.5, 123456789012.5, 1e15]) if rnd.random() < p else v
    if isinstance(v, dict):
        o = {}
        for k, x in v.items():
            if k == 'id': o[k] = x; continue
            if rnd.random() < p * 0.2: continue
            o[k] = vary(x, p)
        return o
    if isinstance(v, list):
        items = [vary(x, p) for x in v if rnd.random() > p * 0.2]
        if items and rnd.random() < p: items = items + [vary(copy.deepcopy(rnd.choice(v)), p) for _ in range(rnd.randint(1, 3))]
        return items
    return v
with open(out, 'w') as f:
    for i in range(n):
        base = copy.deepcopy(profiles[i % len(profiles)])
        p = rnd.choice([0.05, 0.15, 0.3, 0.5])
        d = vary(base, p)
        d['id'] = f"{base.get('id', 'c')}-x{i}"
        f.write(json.dumps(d, ensure_ascii=False) + '\n')
