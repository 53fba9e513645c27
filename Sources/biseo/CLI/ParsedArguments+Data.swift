import CivilCalendar
import Foundation
import Secretary

extension ParsedArguments {
  /// `--as-of DATE`, or today in Korea by the clock the command was given.
  func asOfDate(now: Date) throws -> CivilDate {
    guard let text = value("--as-of") else {
      return CivilDate(instant: now, timeZone: CivilDate.seoul)
    }
    guard let date = CivilDate(iso: text) else {
      throw CommandError.usage("'\(text)' is not a date; write YYYY-MM-DD")
    }
    return date
  }

  /// The rules, holidays and profiles from `--rules`, `--corpus` and `--data`; diagnostics go
  /// to stderr and any error stops the command (exit 2).
  func citizenRules(console: Console) throws -> CitizenRules {
    let corpus = value("--corpus") ?? "Corpus"
    let (loaded, report) = CitizenRules.load(
      rules: value("--rules") ?? "Rules", profiles: corpus + "/profiles",
      data: value("--data") ?? "data")
    if !report.isEmpty { console.error(report) }
    guard let rules = loaded else {
      throw CommandError.badInput("cannot load: fix the errors above")
    }
    return rules
  }
}
