#!/usr/bin/env python3
"""Write Intents/*.intent examples as label<TAB>text (entity marks removed, escapes resolved),
so that the baselines train on exactly what Biseo trains on.

usage: python3 bench/nlu/intents_tsv.py Intents > /tmp/biseo-nlu/train.tsv
"""
import glob
import os
import re
import sys
import unicodedata

MARK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([a-z_]+(?:=[^)]*)?\)")


def plain(text):
    text = MARK.sub(lambda m: m.group(1), text)
    return re.sub(r"\\(.)", r"\1", text)


def main(root):
    for path in sorted(glob.glob(os.path.join(root, "**", "*.intent"), recursive=True)):
        intent, in_examples = None, False
        for line in open(path, encoding="utf-8"):
            line = unicodedata.normalize("NFC", line.rstrip("\r\n")).strip()
            if line.startswith("intent:"):
                intent, in_examples = line[7:].strip(), False
            elif line == "examples:":
                in_examples = True
            elif in_examples and line.startswith("- ") and intent:
                text = " ".join(plain(line[2:]).split())
                if text:
                    print(f"{intent}\t{text}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Intents")
