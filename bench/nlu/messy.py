#!/usr/bin/env python3
"""Messy-typing transforms used to build Intents/ examples and Corpus/nlu/test.tsv.

Run by hand (`python3 bench/nlu/make_corpus.py`); nothing here ships in Sources.
  english(s)  - 두벌식 keys typed with the keyboard left in English mode
  chosung(s)  - 초성 only (whole text) ; mixed(s) - some words as 초성
  nospace(s)  - spacing dropped
  typo(s, rng)- one or two jamo-level slips (adjacent key, dropped final, doubled vowel)
"""
import random
import unicodedata

CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONG = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ",
        "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]
KEY = {
    "ㄱ": "r", "ㄴ": "s", "ㄷ": "e", "ㄹ": "f", "ㅁ": "a", "ㅂ": "q", "ㅅ": "t", "ㅇ": "d",
    "ㅈ": "w", "ㅊ": "c", "ㅋ": "z", "ㅌ": "x", "ㅍ": "v", "ㅎ": "g",
    "ㅏ": "k", "ㅑ": "i", "ㅓ": "j", "ㅕ": "u", "ㅗ": "h", "ㅛ": "y", "ㅜ": "n", "ㅠ": "b",
    "ㅡ": "m", "ㅣ": "l", "ㅐ": "o", "ㅒ": "O", "ㅔ": "p", "ㅖ": "P",
    "ㄲ": "R", "ㄸ": "E", "ㅃ": "Q", "ㅆ": "T", "ㅉ": "W",
    "ㅘ": "hk", "ㅙ": "ho", "ㅚ": "hl", "ㅝ": "nj", "ㅞ": "np", "ㅟ": "nl", "ㅢ": "ml",
    "ㄳ": "rt", "ㄵ": "sw", "ㄶ": "sg", "ㄺ": "fr", "ㄻ": "fa", "ㄼ": "fq", "ㄽ": "ft",
    "ㄾ": "fx", "ㄿ": "fv", "ㅀ": "fg", "ㅄ": "qt",
}


def decompose(ch):
    o = ord(ch) - 0xAC00
    if 0 <= o < 11172:
        return CHO[o // 588], JUNG[(o % 588) // 28], JONG[o % 28]
    return None


def compose(c, v, t=""):
    return chr(0xAC00 + CHO.index(c) * 588 + JUNG.index(v) * 28 + JONG.index(t))


def english(s):
    out = []
    for ch in unicodedata.normalize("NFC", s):
        d = decompose(ch)
        if d:
            out.append("".join(KEY[j] for j in d if j))
        elif ch in KEY:
            out.append(KEY[ch])
        else:
            out.append(ch)
    return "".join(out)


def chosung(s):
    return "".join(decompose(ch)[0] if decompose(ch) else ch for ch in s)


def mixed(s, rng):
    words = s.split(" ")
    if len(words) == 1:
        return chosung(s)
    k = rng.randrange(len(words))
    words[k] = chosung(words[k])
    if len(words) > 3 and rng.random() < 0.5:
        k2 = rng.randrange(len(words))
        words[k2] = chosung(words[k2])
    return " ".join(words)


def nospace(s):
    return s.replace(" ", "")


NEAR_V = {"ㅏ": "ㅓㅑ", "ㅓ": "ㅏㅕ", "ㅗ": "ㅓㅛ", "ㅜ": "ㅠㅡ", "ㅡ": "ㅜ", "ㅣ": "ㅏ", "ㅐ": "ㅔ",
          "ㅔ": "ㅐ", "ㅕ": "ㅓ", "ㅛ": "ㅗ", "ㅠ": "ㅜ", "ㅑ": "ㅏ", "ㅘ": "ㅏ", "ㅝ": "ㅓ",
          "ㅚ": "ㅙㅞ", "ㅟ": "ㅣ", "ㅢ": "ㅣ"}
NEAR_C = {"ㄱ": "ㅅㄷ", "ㄷ": "ㄱㅈ", "ㅈ": "ㄷㅂ", "ㅂ": "ㅈ", "ㅅ": "ㄱ", "ㄴ": "ㅇㅁ", "ㅇ": "ㄴㄹ",
          "ㄹ": "ㅇㅎ", "ㅁ": "ㄴ", "ㅎ": "ㄹ", "ㅊ": "ㅌ", "ㅌ": "ㅊ", "ㅋ": "ㅌ", "ㅍ": "ㅊ"}


def typo_once(s, rng):
    idx = [i for i, ch in enumerate(s) if decompose(ch)]
    if not idx:
        return s
    i = rng.choice(idx)
    c, v, t = decompose(s[i])
    kind = rng.random()
    if kind < 0.4 and v in NEAR_V:
        v = rng.choice(NEAR_V[v])
    elif kind < 0.6 and t:
        t = ""  # dropped final
    elif kind < 0.8 and c in NEAR_C:
        c = rng.choice(NEAR_C[c])
    elif kind < 0.9 and i + 1 < len(s):  # transposed syllables
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    else:  # doubled syllable
        return s[:i + 1] + s[i] + s[i + 1:]
    return s[:i] + compose(c, v, t) + s[i + 1:]


def typo(s, rng):
    out = typo_once(s, rng)
    if len(s) > 10 and rng.random() < 0.4:
        out = typo_once(out, rng)
    return out if out != s else typo_once(s, rng)


if __name__ == "__main__":
    for w in ["건강검진", "민방위", "않았어", "괜찮아"]:
        print(w, english(w), chosung(w))
