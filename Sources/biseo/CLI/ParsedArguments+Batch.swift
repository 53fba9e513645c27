import CivilCalendar
import RuleLanguage

extension ParsedArguments {
  /// The value of an option the command cannot run without.
  func required(_ option: String, _ valueName: String) throws -> String {
    guard let value = value(option) else {
      throw CommandError.usage("missing \(option) \(valueName)")
    }
    return value
  }

  /// `--as-of DATE`, required.
  func requiredAsOf() throws -> CivilDate {
    let text = try required("--as-of", "DATE")
    guard let date = CivilDate(iso: text) else {
      throw CommandError.badInput("'\(text)' is not a date; write YYYY-MM-DD")
    }
    return date
  }

  /// `--shard K/N`, when given: the same citizens for `evaluate`, `diff` and `daemon`.
  func shard() throws -> Shard? {
    try value("--shard").map { text in
      guard let shard = Shard(text) else {
        throw CommandError.usage("--shard takes K/N with 0 ≤ K < N, found '\(text)'")
      }
      return shard
    }
  }
}
