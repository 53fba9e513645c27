import Hangul

/// The rules of a topic that a question names: "기초연금 받을 수 있어?" asks about 기초연금,
/// not about all eight benefits of `benefits_query`.
///
/// A rule is named when a word of the question meets a word of the rule's title — the same
/// word, a question word holding it ("간암검진은" ⊃ "간암"), or the title word's usual
/// abbreviation (first and last syllables kept, the rest a subsequence: 종부세 ← 종합부동산세,
/// 부가세 ← 부가가치세) — and the words they share are not in every title of the topic
/// ("검진", "자동차세" decide nothing).
///
/// The named rules are answered first and in full; of the others only those that apply to the
/// citizen are mentioned (a 75-year-old asking about 운전면허 갱신 must hear of the safety
/// course that comes before it), not those that do not. A question that names none keeps the
/// whole topic.
struct TopicFocus {
  /// Each rule with its title, the words of the title that can name it, and the kinds its
  /// parenthesis lists ("위·대장·유방" of 암검진: "위암" names it).
  let titles: [(rule: String, title: String, words: [String], kinds: [String])]

  /// Title words that say what kind of thing a rule is, not which: every topic has several.
  static let generic: Set<String> = ["대상", "신청", "납부", "지원", "정기", "반기", "무료", "시기"]

  init(rules: [String], title: (String) -> String) {
    titles = rules.map { rule in
      // What a title says in parentheses qualifies it ("장애수당 (…, 기초·차상위)"): not a name.
      let full = title(rule)
      let text = String(full.prefix { $0 != "(" })
      let words = Self.words(of: text).filter { $0.count >= 2 && !Self.generic.contains($0) }
      let aside = full.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }
      let kinds = aside.split { "·,/".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }
      return (rule, text, words, kinds.filter { !$0.isEmpty && !$0.contains(" ") })
    }
  }

  /// The rules the question names, in the topic's order; empty when it names none.
  ///
  /// Each word of the question names some rules; a word naming more of them than another word
  /// names says what kind they are, and the other says which: "독감 예방접종" is the flu shot,
  /// though "예방접종" alone names 어린이 표준 예방접종 and, by its head, every 접종.
  func named(in question: String) -> [String] {
    let asked = Self.words(of: question).map { Josa.stripped(from: $0) }.filter { $0.count >= 2 }
    // A word that names a service also names those whose title words end in it: "접종" is
    // 어르신 … 접종 and 어린이 표준 예방접종 alike.
    let sets = asked.map { word in
      let direct = titles.filter { names(word, $0) }
      guard !direct.isEmpty else { return Set<String>() }
      let headed = titles.filter { Self.hasWord(endingIn: word, $0.words) }
      return Set((direct + headed).map(\.rule))
    }.filter { !$0.isEmpty }
    let chosen = sets.filter { set in
      !sets.contains { $0.count < set.count && $0.isSubset(of: set) }
    }
    .reduce(into: Set<String>()) { $0.formUnion($1) }
    return titles.map(\.rule).filter(chosen.contains)
  }

  /// Whether a word of the question names a rule: a distinctive word of its title, a kind its
  /// parenthesis lists, or a word of its title as the question word's head ("예방접종" of
  /// "…무료 접종").
  private func names(
    _ asked: String, _ entry: (rule: String, title: String, words: [String], kinds: [String])
  ) -> Bool {
    entry.words.contains { word in
      shared(word, asked).map(isDistinctive) ?? false
    } || isKind(asked, of: entry) || isHead(of: asked, in: entry)
  }

  /// Whether the question word is a longer compound ending in a word of this title that other
  /// titles do not hold ("예방접종" ends in 접종).
  private func isHead(
    of asked: String, in entry: (rule: String, title: String, words: [String], kinds: [String])
  ) -> Bool {
    entry.words.contains { word in
      word.count >= 2 && word.count < asked.count && asked.hasSuffix(word) && isDistinctive(word)
    }
  }

  /// The rules whose title has a word ending in a word of the question ("교육" of 교통안전교육).
  ///
  /// Korean compounds end in what they are; the match counts where it tells the rules apart.
  /// Looser than `named(in:)`, so only for a follow-up within one subject.
  func namedByHead(in question: String) -> [String] {
    let asked = Self.words(of: question).map { Josa.stripped(from: $0) }.filter { $0.count >= 2 }
    let matches = titles.filter { entry in
      asked.contains { Self.hasWord(endingIn: $0, entry.words) }
    }
    return matches.count < titles.count ? matches.map(\.rule) : []
  }

  /// Whether a title word is a longer compound ending in `word` ("교통안전교육" in "교육").
  private static func hasWord(endingIn word: String, _ words: [String]) -> Bool {
    words.contains { $0.count > word.count && $0.hasSuffix(word) }
  }

  /// "위암" for 국가 암검진 (위·대장·…): a kind the title lists, followed by the rest of a
  /// word of the title ("암" of "암검진").
  private func isKind(
    _ asked: String, of entry: (rule: String, title: String, words: [String], kinds: [String])
  ) -> Bool {
    entry.kinds.contains { kind in
      guard asked.hasPrefix(kind), asked.count > kind.count else { return false }
      let rest = String(asked.dropFirst(kind.count))
      return entry.words.contains { $0.hasPrefix(rest) }
    }
  }

  /// What a title word and a question word have in common, if they match at all.
  ///
  /// A question word inside a longer title word is a broader word, not a name ("신고" in
  /// "확정신고", "건강검진" in "일반건강검진": 건강검진 is the whole topic), so it does not count.
  private func shared(_ titleWord: String, _ asked: String) -> String? {
    if asked.contains(titleWord) { return titleWord }
    return Self.isAbbreviation(asked, of: titleWord) ? asked : nil
  }

  /// Whether `text` tells the topic's rules apart: it is missing from at least one title.
  private func isDistinctive(_ text: String) -> Bool {
    titles.count < 2 || titles.contains { !$0.title.filter { $0 != " " }.contains(text) }
  }

  /// 종부세 for 종합부동산세: same first and last syllable, the rest in order, shorter; three
  /// syllables at least, as two (자세, 자동차세) would match too much.
  static func isAbbreviation(_ short: String, of long: String) -> Bool {
    let s = Array(short)
    let l = Array(long)
    guard s.count >= 3, s.count < l.count, s.first == l.first, s.last == l.last else {
      return false
    }
    var i = 1
    for c in l.dropFirst().dropLast() where i < s.count - 1 && c == s[i] { i += 1 }
    return i == s.count - 1
  }

  /// Runs of letters and digits.
  static func words(of text: String) -> [String] {
    text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }
}
