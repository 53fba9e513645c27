/// Native Korean numbers up to ten as they stand before a counter or after a noun.
enum NativeNumber {
  /// Longer words first: "다섯" before "다", "둘" and "두" both 2.
  static let words: [(String, Int)] = [
    ("하나", 1), ("다섯", 5), ("여섯", 6), ("일곱", 7), ("여덟", 8), ("아홉", 9), ("한", 1),
    ("둘", 2), ("두", 2), ("셋", 3), ("세", 3), ("석", 3), ("넷", 4), ("네", 4), ("열", 10),
  ]

  /// The native number at `i` and its end.
  static func at(_ text: [Character], _ i: Int) -> (value: Int, end: Int)? {
    guard let word = text.first(of: words.map(\.0), at: i),
      let value = words.first(where: { $0.0 == word })?.1
    else { return nil }
    return (value, i + word.count)
  }
}

/// Birth order: 첫째, 둘째, 셋째 … 열째, 첫 번째, 두 번째, 2번째, 첫애; the value is the place.
package struct OrdinalExtractor: EntityExtractor {
  static let words: [(String, Int)] = [
    ("첫째", 1), ("첫애", 1), ("둘째", 2), ("셋째", 3), ("넷째", 4), ("다섯째", 5), ("여섯째", 6),
    ("일곱째", 7), ("여덟째", 8), ("아홉째", 9), ("열째", 10),
  ]
  /// What "첫" alone may stand before and still mean the first child.
  static let firstOf: [String] = ["아이", "애", "아기", "출산", "임신", "자녀", "딸", "아들"]

  /// Creates the extractor.
  package init() {}

  /// Finds ordinals at the start of words.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate ordinals.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    for i in text.indices where text.isWordStart(i) {
      if let word = text.first(of: Self.words.map(\.0), at: i),
        let value = Self.words.first(where: { $0.0 == word })?.1
      {
        found.append(entity(text, i, i + word.count, value))
        continue
      }
      // "첫 아이", "첫 출산": 첫 before a birth word.
      if text.has("첫", at: i), text.isAnswerEnd(i + 1),
        text.first(of: Self.firstOf, at: text.skippingSpaces(from: i + 1)) != nil
      {
        found.append(entity(text, i, i + 1, 1))
        continue
      }
      // "첫 번째", "두 번째", "2번째"
      let number: (value: Int, end: Int)?
      if text.has("첫", at: i) {
        number = (1, i + 1)
      } else if let native = NativeNumber.at(text, i) {
        number = native
      } else {
        number = digits(text, at: i)
      }
      guard let number else { continue }
      let k = text.skippingSpaces(from: number.end)
      if text.has("번째", at: k) { found.append(entity(text, i, k + 2, number.value)) }
    }
    return found
  }

  private func entity(_ text: [Character], _ start: Int, _ end: Int, _ value: Int) -> Entity {
    Entity(
      kind: .ordinal, text: text.text(start..<end), start: start, end: end, value: String(value))
  }

  private func digits(_ text: [Character], at i: Int) -> (value: Int, end: Int)? {
    var end = i
    while end < text.count, end - i < 3, text[end].isASCII, text[end].isNumber { end += 1 }
    guard end > i, let value = Int(String(text[i..<end])) else { return nil }
    return (value, end)
  }
}

/// Children born at once: 쌍둥이 (2), 세쌍둥이 or 삼둥이 (3), 네쌍둥이 (4), 쌍태아 (2).
package struct MultipleBirthExtractor: EntityExtractor {
  static let words: [(String, Int)] = [
    ("다섯쌍둥이", 5), ("네쌍둥이", 4), ("세쌍둥이", 3), ("삼쌍둥이", 3), ("삼둥이", 3), ("쌍둥이", 2),
    ("쌍태아", 2), ("쌍생아", 2),
  ]

  /// Creates the extractor.
  package init() {}

  /// Finds multiple births.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidates valued by how many children.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    var i = 0
    while i < text.count {
      // "세 쌍둥이" with a space too.
      var start = i
      var value: Int?
      var end = i
      if text.isWordStart(i), let native = NativeNumber.at(text, i), native.value >= 3,
        text.has("쌍둥이", at: text.skippingSpaces(from: native.end))
      {
        (value, end) = (native.value, text.skippingSpaces(from: native.end) + 3)
      } else if let word = text.first(of: Self.words.map(\.0), at: i) {
        (value, end) = (Self.words.first { $0.0 == word }?.1, i + word.count)
      }
      guard let value else {
        i += 1
        continue
      }
      start = i
      found.append(
        Entity(
          kind: .multipleBirth, text: text.text(start..<end), start: start, end: end,
          value: String(value)))
      i = end
    }
    return found
  }
}

/// How many people or things: "아이 둘", "자녀가 셋", "두 명", "3명", "차 두 대".
package struct CountExtractor: EntityExtractor {
  /// Nouns a bare native number may follow ("아이 둘"), with an optional particle.
  static let people: [String] = [
    "아이", "애기", "아기", "애", "자녀", "자식", "아들", "딸", "손주", "손자", "손녀", "식구", "가족",
  ]
  /// Counters after a number; 개 not before 월 ("2개월" is a duration).
  static let counters: [String] = ["명", "대", "개"]

  /// Creates the extractor.
  package init() {}

  /// Finds counts.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate counts.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    for i in text.indices where text.isWordStart(i) || isAfterPeople(text, i) {
      let number: (value: Int, end: Int, native: Bool)?
      if let native = NativeNumber.at(text, i) {
        number = (native.value, native.end, true)
      } else if text[i].isASCII, text[i].isNumber, i == 0 || !text[i - 1].isNumber {
        var end = i
        while end < text.count, end - i < 4, text[end].isASCII, text[end].isNumber { end += 1 }
        number = Int(String(text[i..<end])).map { ($0, end, false) }
      } else {
        number = nil
      }
      guard let number else { continue }
      let k = text.skippingSpaces(from: number.end)
      // "세대", "열대": a native number glued to 대 is a word of its own.
      if let counter = text.first(of: Self.counters, at: k),
        counter == "명" || number.native, !text.has("개월", at: k),
        !(counter == "대" && k == number.end)
      {
        found.append(count(text, i, k + 1, number.value))
      } else if number.native, isAfterPeople(text, i),
        text.isAnswerEnd(number.end) || endsWithCopula(text, number.end)
      {
        // "아이 둘", "자녀가 셋이에요": the number ends its word, or a copula follows.
        found.append(count(text, i, number.end, number.value))
      }
    }
    return found
  }

  /// "이에요", "이요", "입니다", "인데" after a number standing alone ("셋이에요").
  private func endsWithCopula(_ text: [Character], _ k: Int) -> Bool {
    k < text.count && "이입인요".contains(text[k]) && !text[k - 1].isAdnominalNumber
  }

  /// Whether a people noun (and maybe a particle and spaces) ends right before `i`.
  private func isAfterPeople(_ text: [Character], _ i: Int) -> Bool {
    var word = text.wordBefore(i)
    guard !word.isEmpty else { return false }
    if Self.people.contains(word) { return true }
    if let last = word.last, "이가은는도".contains(last) { word.removeLast() }
    return Self.people.contains(word)
  }

  private func count(_ text: [Character], _ start: Int, _ end: Int, _ value: Int) -> Entity {
    Entity(kind: .count, text: text.text(start..<end), start: start, end: end, value: String(value))
  }
}

extension Character {
  /// 한, 두, 세, 네: the forms of 1–4 that only stand before a noun.
  fileprivate var isAdnominalNumber: Bool { "한두세네석".contains(self) }
}
