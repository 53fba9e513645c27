/// The kinds of entity the extractors find and `Intents/` examples may mark.
package enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable {
  case age
  case amount
  case birthYear = "birth_year"
  /// How many people or things: "아이 둘", "두 명".
  case count
  case date
  /// A range of days, `start/end`: "3월 1일부터 5일까지".
  case dateRange = "date_range"
  case displacement
  /// Children born at once: 쌍둥이 2, 세쌍둥이 3.
  case multipleBirth = "multiple_birth"
  case number
  /// Birth order: 첫째 1, 둘째 2.
  case ordinal
  /// The whole line's yes or no (`positive`, `negative`), from `PolarityDetector`.
  case polarity
  case sido
  case yesNo = "yes_no"

  /// Whether an entity of this kind describes a stretch of the line other entities also
  /// cover (a line's polarity, a range over its two dates), so it never competes for a span.
  package var standsApart: Bool { self == .polarity || self == .dateRange }

  /// The names as written in intent files, sorted, for diagnostics.
  package static var namesForNotes: String {
    allCases.map(\.rawValue).sorted().joined(separator: ", ")
  }
}
