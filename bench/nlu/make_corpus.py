#!/usr/bin/env python3
"""Bootstrap Intents/*.intent and Corpus/nlu/test.tsv from bench/nlu/corpus/*.seed.

Each seed intent has hand-written `@train` and `@test` sentences (disjoint). Training
sentences go to Intents/ as written (with entity marks) plus one messy variant each;
test sentences go to the corpus as written plus two messy variants each, so the four
messy styles (no spacing, typos, 초성 only/mixed, English-mode typing) each make up well
over 10 % of the test set. A test line whose normalised text (NFC, lower case, spaces
removed) also appears in Intents/ or earlier in the test set is dropped.

Run by hand from the repo root: python3 bench/nlu/make_corpus.py
Intents/ is edited by hand afterwards; rerunning overwrites it.
"""
import glob
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from messy import english, chosung, mixed, nospace, typo  # noqa: E402

MARK = re.compile(r"\[([^\]]+)\]\([a-z_]+(?:=[^)]*)?\)")
STYLES = ["nospace", "typo", "chosung", "english"]


def plain(s):
    return MARK.sub(r"\1", s)


def key(s):
    return unicodedata.normalize("NFC", s).lower().replace(" ", "")


def loose_key(s):
    return " ".join(unicodedata.normalize("NFC", s).lower().split())


def messy(style, s, rng):
    if style == "nospace":
        return nospace(s) if " " in s else typo(s, rng)
    if style == "typo":
        return typo(s, rng)
    if style == "chosung":
        return chosung(s) if len(s.split()) <= 2 else mixed(s, rng)
    return english(s)


def parse(path):
    intents, cur, section = [], None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("@intent "):
            cur = {"name": line[8:].strip(), "meta": [], "train": [], "test": []}
            intents.append(cur)
            section = "meta"
        elif line in ("@train", "@test"):
            section = line[1:]
        elif line.strip():
            cur[section].append(line.strip())
    return intents


def main():
    root = os.path.join(os.path.dirname(__file__), "..", "..")
    rng = random.Random(2026)
    intents = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "corpus", "*.seed"))):
        intents += parse(path)
    os.makedirs(os.path.join(root, "Intents"), exist_ok=True)
    seen = {}  # strict key (spaces removed) -> intent, for the leak check
    train_rows = {}
    style_i = 0
    for it in intents:
        rows = []
        for j, s in enumerate(it["train"]):
            rows.append(s)
            p = plain(s)
            n_variants = 1 if 2 * len(it["train"]) + j >= 44 else 2
            for _ in range(n_variants):
                style = STYLES[style_i % 4]
                style_i += 1
                if it["name"] in ("affirm", "deny") and style == "chosung" and len(p) <= 2:
                    style = "english"
                rows.append(messy(style, p, rng))
        uniq, loose = [], set()
        for r in rows:
            k = key(plain(r))
            if seen.get(k, it["name"]) != it["name"] or loose_key(plain(r)) in loose:
                continue
            seen[k] = it["name"]
            loose.add(loose_key(plain(r)))
            uniq.append(r)
        train_rows[it["name"]] = uniq
    test, counts = [], {s: 0 for s in ["clean"] + STYLES}
    tkeys = set()
    k3 = ["typo", "chosung", "english"]
    for it in intents:
        for j, s in enumerate(it["test"]):
            p = plain(s)
            first = "nospace" if (style_i % 2 and " " in p) else "clean"
            a, b = k3[style_i % 3], k3[(style_i + 1) % 3]
            style_i += 1
            base = nospace(p) if first == "nospace" else p
            for style, text in ((first, base), (a, messy(a, p, rng)), (b, messy(b, p, rng))):
                k = key(text)
                if k in seen or k in tkeys or not k:
                    continue
                tkeys.add(k)
                counts[style] += 1
                test.append((it["name"], text))
    for it in intents:
        out = [f"# {it['name']} — generated from bench/nlu/corpus by make_corpus.py, then edited by hand",
               f"intent: {it['name']}"]
        out += it["meta"]
        out += ["", "examples:"]
        out += [f"- {r}" for r in train_rows[it["name"]]]
        with open(os.path.join(root, "Intents", it["name"] + ".intent"), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
    os.makedirs(os.path.join(root, "Corpus", "nlu"), exist_ok=True)
    with open(os.path.join(root, "Corpus", "nlu", "test.tsv"), "w", encoding="utf-8") as f:
        for label, text in test:
            f.write(f"{label}\t{text}\n")
    n = len(test)
    print(f"intents {len(intents)}; test {n}; styles " +
          ", ".join(f"{k} {v} ({100 * v / n:.0f}%)" for k, v in counts.items()))
    for it in intents:
        print(f"  {it['name']:16} train {len(train_rows[it['name']]):3}")


main()
