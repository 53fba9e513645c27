import CivilCalendar
import Diagnostics
import Foundation
import Testing

/// Files the calendar tests read: the real one-off data file and the Python-generated oracles.
enum CalendarFixtures {
  /// `Tests/CivilCalendarTests/`, found from this file's path.
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  /// The package root (two levels above the tests folder).
  static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

  static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  /// The committed one-off holidays, parsed; a diagnostic in the real file fails the caller.
  static func oneOffs() throws -> OneOffHolidayFile.Parsed {
    let url = packageRoot.appendingPathComponent("Rules/calendar/one-off-holidays.txt")
    return OneOffHolidayFile.parse(try text(url), path: "Rules/calendar/one-off-holidays.txt")
  }

  /// The calendar the app uses: statutory rules plus the committed one-off file.
  static let calendar: HolidayCalendar = {
    let holidays = (try? oneOffs().holidays) ?? []
    return HolidayCalendar(oneOffs: holidays)
  }()

  /// Rows of a TSV fixture beside this file, `#` comment lines skipped.
  static func rows(_ name: String) throws -> [[Substring]] {
    let url = testsFolder.appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try text(url).split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
      .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
  }
}

extension CivilDate {
  /// A date literal in a test; an invalid one fails the test.
  static func iso(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws -> CivilDate
  {
    try #require(CivilDate(iso: text), sourceLocation: sourceLocation)
  }
}
