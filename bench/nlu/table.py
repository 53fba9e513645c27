#!/usr/bin/env python3
"""One markdown table from `biseo eval --json` results and baselines.json (bench/nlu/run.sh).

usage: table.py OUT_DIR SET…   (SET: corpus, chatbot, 3i4k, nsmc)
"""
import json
import os
import sys


def main(out, sets):
    base = {}
    path = os.path.join(out, "baselines", "baselines.json")
    if os.path.exists(path):
        for r in json.load(open(path))["results"]:
            name = "corpus" if r["dataset"] == "corpus" else r["dataset"].replace("nsmc_rebuilt", "nsmc")
            base.setdefault(name, []).append(r)
    print("| set | train / test / labels | model | accuracy | macro-F1 | train s | single utt/s "
          "| single utt/CPU s |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for s in sets:
        p = os.path.join(out, f"biseo-{s}.json")
        if not os.path.exists(p):
            continue
        d = json.load(open(p))
        r = d["report"]
        labels = len([x for x in r["labels"] if x["support"] > 0])
        size = f"{r['trainCount']:,} / {r['testCount']:,} / {labels}"
        print(f"| {s} | {size} | **Biseo** ({d['options'].split(' e')[0].strip()}, "
              f"e{d['options'].split(' e')[-1]}) | **{r['accuracy']:.4f}** | {r['macroF1']:.4f} | "
              f"{r['trainSeconds']:.2f} | {r['utterancesPerSecond']:,.0f} | "
              f"{r.get('utterancesPerCPUSecond', 0):,.0f} |")
        for b in base.get(s, []):
            if b["key"] == "major":
                continue
            print(f"| {s} | | {b['model']} | {b['accuracy']:.4f} | {b['macro_f1']:.4f} | "
                  f"{b.get('train_s', 0):.1f} | {b.get('single_utt_s', 0):,.0f} | "
                  f"{b.get('single_utt_cpu_s', 0):,.0f} |")


main(sys.argv[1], sys.argv[2:])
