/// Birth years: "90년생", "1990년생", "구십년생", "06년 생".
package struct BirthYearExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// Finds birth years; two-digit years up to this year's are 2000s, the rest 1900s.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: the as-of date (for two-digit years).
  /// - Returns: candidate birth years.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    NumeralScanner.numerals(in: text).compactMap { n in
      let k = text.skippingSpaces(from: n.end)
      guard text.has("년생", at: k) || text.has("년 생", at: k) else { return nil }
      let end = k + (text.has("년생", at: k) ? 2 : 3)
      var year = n.value
      if year < 100 { year += year <= context.asOf.year % 100 ? 2000 : 1900 }
      guard (1900...context.asOf.year).contains(year) else { return nil }
      return Entity(
        kind: .birthYear, text: text.text(n.start..<end), start: n.start, end: end,
        value: String(year))
    }
  }
}

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

/// Amounts of money: "3만5천원", "삼만 원", "20만원", "1.5억"; the value is in 원.
package struct AmountExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// Finds amounts.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate amounts.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    NumeralScanner.numerals(in: text).compactMap { n in
      let k = text.skippingSpaces(from: n.end)
      let surface = text.text(n.start..<n.end)
      let end: Int
      if text.has("원", at: k) {
        end = k + 1
      } else if surface.contains("억") || surface.contains("천만") {
        end = n.end
      } else {
        return nil
      }
      return Entity(
        kind: .amount, text: text.text(n.start..<end), start: n.start, end: end,
        value: String(n.value))
    }
  }
}

/// Engine displacement: "1600cc", "2,000 CC", "1600씨씨"; the value is in cc.
package struct DisplacementExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// Finds displacements.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate displacements.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    NumeralScanner.numerals(in: text).compactMap { n in
      let k = text.skippingSpaces(from: n.end)
      guard let unit = text.first(of: ["cc", "CC", "Cc", "씨씨", "시시"], at: k) else { return nil }
      let end = k + unit.count
      return Entity(
        kind: .displacement, text: text.text(n.start..<end), start: n.start, end: end,
        value: String(n.value))
    }
  }
}

/// Any other number: digits ("12", "3만 5천") or Korean numerals before a counter ("오십 명").
package struct NumberExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// Finds numbers.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate numbers.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    NumeralScanner.numerals(in: text).map { n in
      Entity(
        kind: .number, text: text.text(n.start..<n.end), start: n.start, end: n.end,
        value: String(n.value))
    }
  }
}
