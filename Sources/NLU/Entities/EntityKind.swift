/// The kinds of entity the extractors find and `Intents/` examples may mark.
package enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable {
  case age
  case amount
  case birthYear = "birth_year"
  case date
  case displacement
  case number
  /// The whole line's yes or no (`positive`, `negative`), from `PolarityDetector`.
  case polarity
  case sido
  case yesNo = "yes_no"

  /// The names as written in intent files, sorted, for diagnostics.
  package static var namesForNotes: String {
    allCases.map(\.rawValue).sorted().joined(separator: ", ")
  }
}
