import CivilCalendar

@testable import NLU

/// The entities of a line as `kind:text=value`, recognised as of one fixed day — the form
/// every entity test compares.
enum EntitySample {
  /// A Sunday.
  static let asOf = CivilDate(year: 2026, month: 11, day: 29)

  /// The line's polarity ("알려줘": positive) is left out: PolarityTests has it.
  static func found(_ text: String) -> [String] {
    guard let asOf else { return [] }
    return EntityRecognizer().entities(in: text, context: EntityContext(asOf: asOf))
      .filter { $0.kind != .polarity }
      .map { "\($0.kind.rawValue):\($0.text)=\($0.value)" }
  }
}
