import CivilCalendar

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

/// Amounts of money: "3만5천원", "삼만 원", "20만원", "1.5억", "1억 2천"; the value is in 원.
package struct AmountExtractor: EntityExtractor {
  /// Creates the extractor.
  package init() {}

  /// "1억 2천" is 1억 2천만 as people say it: after 억, a remainder below 만 written with
  /// 천/백/십 and no 만 counts in 만.
  static func spoken(_ value: Int, surface: String) -> Int {
    guard let last = surface.lastIndex(of: "억") else { return value }
    let rest = surface[surface.index(after: last)...]
    let remainder = value % 100_000_000
    guard !rest.contains("만"), rest.contains(where: { "천백십".contains($0) }),
      (1..<10_000).contains(remainder)
    else { return value }
    return value - remainder + remainder * 10_000
  }

  /// Finds amounts.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance.
  ///   - context: unused.
  /// - Returns: candidate amounts.
  package func extract(_ text: [Character], context: EntityContext) -> [Entity] {
    bareUnits(text)
      + NumeralScanner.numerals(in: text).compactMap { n in
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
          value: String(Self.spoken(n.value, surface: surface)))
      }
  }
}

extension AmountExtractor {
  /// A unit alone before 원: "만 원", "천 원", "백만 원" (one of it).
  static let units: [(String, Int)] = [
    ("천만", 10_000_000), ("백만", 1_000_000), ("십만", 100_000), ("만", 10_000), ("천", 1_000),
    ("백", 100),
  ]

  fileprivate func bareUnits(_ text: [Character]) -> [Entity] {
    text.indices.compactMap { i in
      guard text.isWordStart(i), let word = text.first(of: Self.units.map(\.0), at: i),
        let value = Self.units.first(where: { $0.0 == word })?.1
      else { return nil }
      let k = text.skippingSpaces(from: i + word.count)
      guard text.has("원", at: k) else { return nil }
      return Entity(
        kind: .amount, text: text.text(i..<(k + 1)), start: i, end: k + 1, value: String(value))
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
