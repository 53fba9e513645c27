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
