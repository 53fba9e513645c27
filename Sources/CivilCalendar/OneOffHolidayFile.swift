import Diagnostics
import Foundation

/// Reads the one-off holiday data file (`Rules/calendar/one-off-holidays.txt`).
///
/// One holiday per line, `YYYY-MM-DD<TAB>name<TAB>source`; blank lines and lines starting with
/// `#` are skipped. Every wrong line yields a located diagnostic and the others still load.
public enum OneOffHolidayFile {
  /// What a parse produced: the holidays of the good lines and the problems of the bad ones.
  public struct Parsed: Sendable {
    /// One-off holidays in file order.
    public var holidays: [Holiday]
    /// Diagnostics sorted by position; `holidays` is still usable when there are errors.
    public var diagnostics: [Diagnostic]
  }

  /// Parses the file's text.
  ///
  /// - Parameters:
  ///   - text: The file contents (LF or CRLF line ends).
  ///   - path: The path to print in diagnostics, as the user gave it.
  /// - Returns: The holidays and diagnostics; nothing is thrown.
  public static func parse(_ text: String, path: String) -> Parsed {
    var holidays: [Holiday] = []
    var diagnostics: [Diagnostic] = []
    var firstLine: [CivilDate: Int] = [:]
    var previous: CivilDate?
    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let number = offset + 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      let trimmed = line.drop { $0 == " " }
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }

      func at(_ column: Int, _ length: Int) -> SourceSpan {
        SourceSpan(path: path, line: number, column: column, length: length)
      }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 3 else {
        diagnostics.append(CalendarMessages.fieldCount(fields.count, at: at(1, line.count)))
        continue
      }
      let nameColumn = fields[0].count + 2
      let sourceColumn = nameColumn + fields[1].count + 1
      guard let date = CivilDate(iso: fields[0]) else {
        diagnostics.append(
          CalendarMessages.badDate(String(fields[0]), at: at(1, max(fields[0].count, 1))))
        continue
      }
      let name = fields[1].trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else {
        diagnostics.append(CalendarMessages.missingName(at: at(nameColumn, 1)))
        continue
      }
      guard !fields[2].trimmingCharacters(in: .whitespaces).isEmpty else {
        diagnostics.append(CalendarMessages.missingSource(at: at(sourceColumn, 1)))
        continue
      }
      guard HolidayCalendar.coveredYears.contains(date.year) else {
        diagnostics.append(CalendarMessages.outsideCoveredYears(date, at: at(1, 10)))
        continue
      }
      if let first = firstLine[date] {
        diagnostics.append(CalendarMessages.duplicate(date, firstLine: first, at: at(1, 10)))
        continue
      }
      if let previous, date < previous {
        diagnostics.append(CalendarMessages.outOfOrder(date, after: previous, at: at(1, 10)))
      }
      firstLine[date] = number
      previous = date
      holidays.append(
        Holiday(date: date, name: name.precomposedStringWithCanonicalMapping, kind: .oneOff))
    }
    return Parsed(holidays: holidays, diagnostics: diagnostics.sortedByPosition())
  }
}
