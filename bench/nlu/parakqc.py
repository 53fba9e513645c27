#!/usr/bin/env python3
"""Builds the paraKQC split bench/nlu measures big label sets on (issue 16, item 5).

paraKQC (warnikchow/paraKQC, CC BY-SA 4.0) is 1,000 sets of 10 paraphrased Korean questions
and commands, in file order: lines 10·i … 10·i + 9 are set i. Each set is one label; its
10 lines are shuffled with a per-set seeded generator and split 8 train / 2 test, so every
label has the same counts (8,000 / 2,000). Texts are normalised as the shared sets are (NFC,
whitespace runs to one space, stripped).

    python3 bench/nlu/parakqc.py PATH/TO/paraKQC_v1.txt OUT_DIR   # writes train.tsv, test.tsv
"""
import random
import re
import sys
import unicodedata


def main() -> None:
    source, out = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    if len(rows) != 10_000:
        sys.exit(f"expected 10,000 lines, found {len(rows)}")
    train, test = [], []
    for i in range(1000):
        label = f"s{i:04d}"
        texts = [
            re.sub(r"\s+", " ", unicodedata.normalize("NFC", r[2])).strip()
            for r in rows[10 * i:10 * i + 10]
        ]
        random.Random(13_000 + i).shuffle(texts)
        train += [(label, t) for t in texts[:8]]
        test += [(label, t) for t in texts[8:]]
    random.Random(13).shuffle(train)
    for name, part in (("train", train), ("test", test)):
        with open(f"{out}/{name}.tsv", "w", encoding="utf-8") as f:
            f.writelines(f"{label}\t{text}\n" for label, text in part)


if __name__ == "__main__":
    main()
