/// Ages: "만 36세", "36살", "서른여섯", "마흔 살", "만 서른여섯".
package struct AgeExtractor: EntityExtractor {
  static let tens: [(String, Int)] = [
    ("스물", 20), ("스무", 20), ("서른", 30), ("마흔", 40), ("예순", 60), ("일흔", 70),
    ("여든", 80), ("아흔", 90), ("쉰", 50), ("열", 10),
  ]
  static let ones: [(String, Int)] = [
    ("하나", 1), ("다섯", 5), ("여섯", 6), ("일곱", 7), ("여덟", 8), ("아홉", 9), ("한", 1),
    ("둘", 2), ("두", 2), ("셋", 3), ("세", 3), ("넷", 4), ("네", 4),
  ]

  /// Creates the extractor.
  package init() {}

  /// Finds ages in years.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate ages.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    var found: [Entity] = []
    for n in NumeralScanner.numerals(in: text) {
      let k = text.skippingSpaces(from: n.end)
      // "1세대" is a household, not an age.
      let counter = text.has("세대", at: k) ? nil : text.first(of: ["세", "살"], at: k)
      let start = manPrefix(text, before: n.start) ?? n.start
      guard counter != nil || start != n.start, n.value <= 130 else { continue }
      let end = counter == nil ? n.end : k + 1
      found.append(
        Entity(
          kind: .age, text: text.text(start..<end), start: start, end: end, value: String(n.value)))
    }
    var i = 0
    while i < text.count {
      guard text.isWordStart(i), let (value, wordEnd, hasTens) = native(text, at: i) else {
        i += 1
        continue
      }
      let k = text.skippingSpaces(from: wordEnd)
      let hasCounter = text.has("살", at: k)
      let start = manPrefix(text, before: i) ?? i
      if hasTens || hasCounter {
        let end = hasCounter ? k + 1 : wordEnd
        found.append(
          Entity(
            kind: .age, text: text.text(start..<end), start: start, end: end, value: String(value)))
      }
      i = wordEnd
    }
    return found
  }

  /// The start of "만 " right before `index`, if there.
  private func manPrefix(_ text: [Character], before index: Int) -> Int? {
    var k = index
    while k > 0, text[k - 1] == " " { k -= 1 }
    guard k > 0, text[k - 1] == "만", text.isWordStart(k - 1) else { return nil }
    return k - 1
  }

  private func native(_ text: [Character], at i: Int) -> (Int, Int, Bool)? {
    var value = 0
    var k = i
    var hasTens = false
    if let word = text.first(of: Self.tens.map(\.0), at: k) {
      value += Self.tens.first { $0.0 == word }?.1 ?? 0
      k += word.count
      hasTens = true
    }
    if let word = text.first(of: Self.ones.map(\.0), at: k) {
      value += Self.ones.first { $0.0 == word }?.1 ?? 0
      k += word.count
    }
    // The word must end here: "서른여섯" yes, "두부" or "세금" no.
    guard value > 0, k == text.count || !(text[k].isLetter) || text.has("살", at: k) else {
      return nil
    }
    return (value, k, hasTens)
  }
}
