import CivilCalendar

/// An entity found in an utterance: its kind, where it is and its value.
package struct Entity: Sendable, Hashable, Codable {
  /// The kind of entity.
  package var kind: EntityKind
  /// The surface text, as it appears in the (normalised) utterance.
  package var text: String
  /// `Character` offsets of `text` in the normalised utterance.
  package var start: Int
  /// One past the last `Character` of `text`.
  package var end: Int
  /// The value in a canonical text form: a date `2026-03-15` (or `2026-03` for a month,
  /// `2026` for a year), a number `35000`, a year `1990`, an age `36`, a 시·도 by its
  /// official name `서울특별시`, a displacement in cc `1600`, `yes` or `no`.
  package var value: String

  /// Creates an entity.
  ///
  /// - Parameters: one per property.
  package init(kind: EntityKind, text: String, start: Int, end: Int, value: String) {
    self.kind = kind
    self.text = text
    self.start = start
    self.end = end
    self.value = value
  }

  /// The span as a range.
  package var range: Range<Int> { start..<end }
}

/// Finds one kind of entity; extractors are listed in `EntityRecognizer.extractors`.
package protocol EntityExtractor: Sendable {
  /// Every match in `text`, possibly overlapping other extractors' matches.
  ///
  /// - Parameters:
  ///   - text: the normalised utterance as characters.
  ///   - context: the as-of date and other inputs.
  /// - Returns: candidate entities.
  func extract(_ text: [Character], context: EntityContext) -> [Entity]
}

/// What extractors may depend on besides the text: injected, never read from the clock.
package struct EntityContext: Sendable {
  /// The day relative dates are resolved against, in Asia/Seoul.
  package var asOf: CivilDate
  /// The line's polarity, read once by the recognizer for every extractor that needs it.
  var polarity: PolarityReading?

  /// Creates a context.
  ///
  /// - Parameter asOf: the day "오늘" means.
  package init(asOf: CivilDate) {
    self.asOf = asOf
  }
}

extension [Character] {
  /// The characters in `range` as a string.
  func text(_ range: Range<Int>) -> String { String(self[range]) }

  /// The first of `words` (try longer ones first) that occurs at `index`.
  func first(of words: [String], at index: Int) -> String? {
    words.first { has($0, at: index) }
  }

  /// `index` moved past any spaces.
  func skippingSpaces(from index: Int) -> Int {
    var k = index
    while k < count, self[k] == " " { k += 1 }
    return k
  }

  /// Whether `index` starts a word (text start, or after a space or punctuation).
  func isWordStart(_ index: Int) -> Bool {
    index == 0 || !(self[index - 1].isLetter || self[index - 1].isNumber)
  }
}
