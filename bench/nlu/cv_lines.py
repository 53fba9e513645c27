#!/usr/bin/env python3
"""Judges a change to Intents/ on the training side only, never on Corpus/nlu.

The example lines of a base Intents/ (say `main`'s) are split in 5 seeded folds; each fold is
scored by the shipped pipeline (`biseo eval --intents DIR --test FOLD`: options, calibration,
threshold) trained on everything else in the candidate Intents/ (the base lines of the other
folds and every line the candidate adds). With the base as its own candidate this is plain
5-fold cross-validation; the two runs score the same lines, so they compare. Per-label
precision, recall and F1 are summed over folds and seeds.

    git archive main Intents | tar -x -C /tmp/base
    python3 bench/nlu/cv_lines.py .build/release/biseo /tmp/base/Intents /tmp/base/Intents 13 14 15
    python3 bench/nlu/cv_lines.py .build/release/biseo /tmp/base/Intents Intents 13 14 15 [KEY=VALUE …]

KEY=VALUE pairs are passed on as `--set` (e.g. threshold=0.3); bare numbers are seeds.
Scratch folders go to $TMPDIR/biseo-cv.
"""
import collections
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from intents_tsv import plain  # noqa: E402


def read_lines(path):
    """(raw line, stripped line, its intent, whether it is an example) for each line of a .intent file."""
    intent, in_examples = None, False
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if s.startswith("intent:"):
            intent, in_examples = s[7:].strip(), False
        elif s == "examples:":
            in_examples = True
        yield line, s, intent, in_examples and s.startswith("- ")


def examples(root):
    """(intent, raw example line) for every example of every .intent file under root."""
    out = []
    for path in sorted(glob.glob(os.path.join(root, "*.intent"))):
        out += [(intent, s) for _, s, intent, example in read_lines(path) if example]
    return out


def write_fold(cand, fold, k, d):
    """Copies the candidate Intents/ to d without fold k's base lines; returns those lines."""
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    test = []
    for path in glob.glob(os.path.join(cand, "*")):
        name = os.path.basename(path)
        if not name.endswith(".intent"):
            shutil.copy(path, d)  # aliases, frames: the loader reads them too
            continue
        kept = []
        for line, s, intent, example in read_lines(path):
            if example and fold.get((intent, s)) == k:
                test.append((intent, " ".join(plain(s[2:]).split())))
                continue
            kept.append(line)
        open(os.path.join(d, name), "w", encoding="utf-8").write("".join(kept))
    return test


def main():
    binary, base, cand = sys.argv[1:4]
    sets = [a for a in sys.argv[4:] if "=" in a]
    seeds = [a for a in sys.argv[4:] if "=" not in a] or ["13"]
    base_lines = sorted(set(examples(base)))
    # Folds are drawn once, with a seed of their own, so every candidate meets the same ones.
    order = list(range(len(base_lines)))
    random.Random(7).shuffle(order)
    fold = {base_lines[i]: rank % 5 for rank, i in enumerate(order)}
    totals = collections.defaultdict(lambda: [0.0, 0.0, 0.0])  # true positives, predicted, support
    correct = n = 0
    for seed in seeds:
        for k in range(5):
            d = os.path.join(tempfile.gettempdir(), "biseo-cv", f"fold{k}")
            test = write_fold(cand, fold, k, d)
            with open(f"{d}.tsv", "w", encoding="utf-8") as f:
                for label, text in test:
                    f.write(f"{label}\t{text}\n")
            args = [binary, "eval", "--intents", d, "--test", f"{d}.tsv", "--json"]
            for s in [f"seed={seed}"] + sets:
                args += ["--set", s]
            run = subprocess.run(args, capture_output=True, text=True, check=True)
            report = json.loads(run.stdout)["report"]
            # The report gives precision and recall; counts are what add up over folds.
            for lab in report["labels"]:
                tp = lab["recall"] * lab["support"]
                t = totals[lab["label"]]
                t[0] += tp
                t[1] += tp / lab["precision"] if lab["precision"] > 0 else 0
                t[2] += lab["support"]
            correct += report["accuracy"] * report["testCount"]
            n += report["testCount"]
    f1s = {}
    for label, (tp, predicted, support) in sorted(totals.items()):
        p = tp / predicted if predicted else 0
        r = tp / support if support else 0
        f1s[label] = 2 * p * r / (p + r) if p + r else 0
        print(f"{label:16s} P {p:.3f} R {r:.3f} F1 {f1s[label]:.3f}")
    print(
        f"accuracy {correct / n:.4f} macro-F1 {sum(f1s.values()) / len(f1s):.4f} "
        f"({n:.0f} held-out base lines, seeds {seeds})"
    )


if __name__ == "__main__":
    main()
