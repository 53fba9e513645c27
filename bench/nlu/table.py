#!/usr/bin/env python3
"""One markdown table from `biseo eval --json` results and baselines.json (bench/nlu/run.sh).

usage: table.py OUT_DIR SET…   (SET: corpus, chatbot, 3i4k, nsmc, parakqc)

Biseo's rows also give the peak resident memory and wall time of the whole `biseo eval` run
(training, the choice of options on a hold-out, and scoring), from GNU time's
biseo-SET.time when run.sh wrote one.
"""
import json
import os
import sys


def gnu_time(path):
    """Peak resident MiB and wall seconds from `/usr/bin/time -v` output, or None."""
    if not os.path.exists(path):
        return None
    peak = wall = None
    for line in open(path):
        line = line.strip()
        if line.startswith("Maximum resident set size (kbytes):"):
            peak = int(line.split(":")[1]) / 1024
        elif line.startswith("Elapsed (wall clock) time"):
            parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
            wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return (peak, wall) if peak is not None and wall is not None else None


def main(out, sets):
    base = {}
    path = os.path.join(out, "baselines", "baselines.json")
    if os.path.exists(path):
        for r in json.load(open(path))["results"]:
            name = "corpus" if r["dataset"] == "corpus" else r["dataset"].replace("nsmc_rebuilt", "nsmc")
            base.setdefault(name, []).append(r)
    print("| set | train / test / labels | model | accuracy | macro-F1 | train s | single utt/s "
          "| single utt/CPU s | peak MiB, eval wall s |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for s in sets:
        p = os.path.join(out, f"biseo-{s}.json")
        if not os.path.exists(p):
            continue
        d = json.load(open(p))
        r = d["report"]
        labels = len([x for x in r["labels"] if x["support"] > 0])
        size = f"{r['trainCount']:,} / {r['testCount']:,} / {labels}"
        measured = gnu_time(os.path.join(out, f"biseo-{s}.time"))
        resources = f"{measured[0]:,.0f}, {measured[1]:.1f}" if measured else "-"
        print(f"| {s} | {size} | **Biseo** ({d['options'].split(' e')[0].strip()}, "
              f"e{d['options'].split(' e')[-1]}) | **{r['accuracy']:.4f}** | {r['macroF1']:.4f} | "
              f"{r['trainSeconds']:.2f} | {r['utterancesPerSecond']:,.0f} | "
              f"{r.get('utterancesPerCPUSecond', 0):,.0f} | {resources} |")
        for b in base.get(s, []):
            if b["key"] == "major":
                continue
            print(f"| {s} | | {b['model']} | {b['accuracy']:.4f} | {b['macro_f1']:.4f} | "
                  f"{b.get('train_s', 0):.1f} | {b.get('single_utt_s', 0):,.0f} | "
                  f"{b.get('single_utt_cpu_s', 0):,.0f} | - |")


main(sys.argv[1], sys.argv[2:])
