#!/usr/bin/env python3
"""Writes a seeded sample of a public Korean chit-chat set as `out_of_scope` examples.

songys/Chatbot_data (MIT; synthetic everyday, break-up and love questions written for a
chatbot) is chatter a public-services secretary does not handle. The rule, fixed before any
figure was looked at:

1. the set's own train split (`$NLU_DATA/chatbot/train.tsv`), all three labels;
2. dropped: a line naming anything Biseo does handle (`SERVICE`: taxes, fines, licences,
   passports, check-ups, vaccination, benefits, births, deaths, moving, reminders and the
   channels they go to, agencies), a line that is one of Biseo's own small-talk intents
   (`SMALL_TALK`: greetings, goodbyes, thanks, yes/no, help, a human agent, why-questions),
   a line with the characters the .intent format marks entities or comments with, a line
   equal (after normalisation) to an example already in Intents/ or to a line of
   Corpus/nlu (test.tsv, consent.tsv), so that no test line is trained on;
3. of what is left, N lines drawn with a seeded shuffle, written in reading order
   (optionally only some labels, only lines of at least MIN_WORDS words).

Measured out of fold with cv_lines.py (bench/nlu/README.md, branch nlu18): every sample made
out-of-scope F1, subscribe F1 and accuracy worse, so none is in Intents/. The script stays to
reproduce that, or to try another set.

usage: python3 bench/nlu/public_oos.py DATA/SET/train.tsv N SEED Intents Corpus/nlu [LABELS|all [MIN_WORDS]] > FILE
"""
import glob
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from intents_tsv import plain  # noqa: E402

SERVICE = re.compile(
    "|".join(
        [
            # taxes, fines
            "세금", "납세", "세무", "국세", "지방세", "소득세", "재산세", "자동차세", "종부세",
            "연말정산", "장려금", "홈택스", "위택스", "과태료", "벌금", "범칙금", "딱지", "위반",
            # vehicles, licences, passports
            "면허", "운전", "자동차", "차량", "정기검사", "여권", "비자",
            # health
            "건강검진", "검진", "예방접종", "접종", "백신", "독감", "주사", "병원", "보건소",
            # benefits, life events
            "수당", "연금", "지원금", "보조금", "급여", "복지", "혜택", "바우처", "장학",
            "학자금", "등록금", "출산", "출생", "임신", "임산부", "산모", "태아", "육아", "아기",
            "사망", "장례", "상속", "돌아가", "이사", "전입", "주소", "민방위", "예비군",
            # agencies, paperwork
            "주민센터", "구청", "시청", "정부", "공공", "민원", "신청", "서류", "증명서", "발급",
            "갱신", "만료", "신고", "기한", "마감", "납부",
            # reminders and where they go
            "알림", "알려", "알람", "리마인", "예약", "일정", "구독", "해지", "등록", "잊", "까먹",
            "카톡", "문자", "메일", "전화",
        ]
    )
)
SMALL_TALK = re.compile(
    "|".join(
        [
            "안녕", "반가", "잘가", "잘 가", "잘자", "잘 자", "바이", "다음에 봐", "수고",
            "고마", "감사", "땡큐", "덕분",
            "도와", "도움", "뭐 할 수", "기능", "사용법",
            "상담", "사람 바꿔", "직원", "담당자", "연결",
            "^왜", "어째서", "이유", "근거", "설명",
        ]
    )
)
# A line that is (only) a yes or no.
YES_NO = {
    "응", "웅", "네", "넵", "넹", "예", "그래", "그래요", "좋아", "좋아요", "좋다", "오케이",
    "ㅇㅇ", "ㄴㄴ", "싫어", "싫어요", "싫다", "아니", "아니야", "아니요", "아뇨", "됐어",
    "됐어요", "ok", "okay", "yes", "no",
}
FORMAT = re.compile(r"[\[\]()\\#]")


def key(text):
    """What two lines share when they are the same line: NFC, lower case, letters only."""
    text = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"[\s.,!?~…'\"^]+", "", text)


def known(intents, corpus):
    keys = set()
    for path in glob.glob(os.path.join(intents, "**", "*.intent"), recursive=True):
        for line in open(path, encoding="utf-8"):
            s = line.strip()
            if s.startswith("- "):
                keys.add(key(plain(s[2:])))
    for name in ("test.tsv", "consent.tsv"):
        for line in open(os.path.join(corpus, name), encoding="utf-8"):
            if "\t" in line:
                keys.add(key(line.rstrip("\n").split("\t", 1)[1]))
    return keys


def kept(text, seen):
    words = [w.strip(".,!?~…") for w in text.split()]
    return not (
        SERVICE.search(text)
        or SMALL_TALK.search(text)
        or any(w.lower() in YES_NO for w in words)
        or FORMAT.search(text)
        or key(text) in seen
        or not key(text)
    )


def main():
    source, n, seed, intents, corpus = sys.argv[1:6]
    labels = set(sys.argv[6].split(",")) if len(sys.argv) > 6 and sys.argv[6] != "all" else None
    min_words = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    seen = known(intents, corpus)
    pool = []
    for line in open(source, encoding="utf-8"):
        label, text = line.rstrip("\n").split("\t", 1)
        text = " ".join(unicodedata.normalize("NFC", text).split())
        if (labels is None or label in labels) and len(text.split()) >= min_words and kept(text, seen):
            seen.add(key(text))
            pool.append(text)
    order = list(range(len(pool)))
    random.Random(int(seed)).shuffle(order)
    chosen = sorted(order[: int(n)])
    print(f"# {len(pool)} of the set's lines passed the filter; {len(chosen)} drawn", file=sys.stderr)
    for i in chosen:
        print(f"- {pool[i]}")


if __name__ == "__main__":
    main()
