#!/usr/bin/env python3
"""Counts the examples of each intent in Intents/, telling hand-written lines from the messy
variants make_corpus.py generated (issue 16 item 4 asks for 60 hand-written per intent).

A line is counted as generated when it is a messy form of the hand-written line just before
it: English-mode typing of it, it without spaces, it with some words as 초성, or it with a few
jamo slips (edit distance ≤ 3 over jamo). Lines typed in English mode are never counted as
hand-written, wherever they are.

    python3 bench/nlu/count_examples.py [Intents]
"""
import glob
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from messy import chosung, decompose, english  # noqa: E402
from intents_tsv import plain  # noqa: E402


def jamo(s):
    out = []
    for ch in s:
        d = decompose(ch)
        out.extend(j for j in d if j) if d else out.append(ch)
    return out


def distance(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def is_english_mode(s):
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


def is_variant(line, prev):
    if line == english(prev) or line == prev.replace(" ", ""):
        return True
    words, source = line.split(" "), prev.split(" ")
    if len(words) == len(source) and all(w in (s, chosung(s)) for w, s in zip(words, source)):
        return True
    return distance(jamo(line), jamo(prev)) <= 3


def count(path):
    lines, in_examples = [], False
    for raw in open(path, encoding="utf-8"):
        line = unicodedata.normalize("NFC", raw.rstrip("\n")).strip()
        if line == "examples:":
            in_examples = True
        elif in_examples and line.startswith("- "):
            lines.append(" ".join(plain(line[2:]).split()))
    hand, prev = 0, None
    for line in lines:
        if is_english_mode(line) or (prev is not None and is_variant(line, prev)):
            prev = None
            continue
        hand += 1
        prev = line
    return len(lines), hand


def main(root):
    total_all = total_hand = 0
    lowest = None
    for path in sorted(glob.glob(os.path.join(root, "*.intent"))):
        name = os.path.basename(path)[:-7]
        n, hand = count(path)
        total_all, total_hand = total_all + n, total_hand + hand
        lowest = min(lowest or (hand, name), (hand, name))
        print(f"{name:16} {n:4} lines  {hand:4} hand-written")
    print(f"{'all':16} {total_all:4} lines  {total_hand:4} hand-written; fewest: {lowest[1]} {lowest[0]}")


main(sys.argv[1] if len(sys.argv) > 1 else "Intents")
