/// The kinds of entity the extractors find and `Intents/` examples may mark.
package enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable {
  case age
  case amount
  case birthYear = "birth_year"
  case date
  case displacement
  case number
  case sido
  case yesNo = "yes_no"

  /// The names as written in intent files, sorted, for diagnostics.
  package static var namesForNotes: String {
    allCases.map(\.rawValue).sorted().joined(separator: ", ")
  }
}
