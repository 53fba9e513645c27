/// A calendar day (proleptic Gregorian) with the arithmetic relative dates need.
package struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  package var year: Int
  package var month: Int
  package var day: Int

  /// Creates a date; nil when the day does not exist.
  ///
  /// - Parameters:
  ///   - year: the year.
  ///   - month: 1…12.
  ///   - day: 1…days in that month.
  package init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= LocalDate.days(inMonth: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`.
  ///
  /// - Parameter iso: the text.
  package init?(iso: String) {
    let parts = iso.split(separator: "-")
    guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
      let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  private init(dayNumber: Int) {
    // Howard Hinnant's civil_from_days.
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01.
  package var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Day of the week, 0 = Monday … 6 = Sunday.
  package var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

  /// This date moved by `days`.
  ///
  /// - Parameter days: days to add (negative to go back).
  /// - Returns: the new date.
  package func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

  /// This date moved by `months`, the day clamped to the new month's length.
  ///
  /// - Parameter months: months to add.
  /// - Returns: the new date.
  package func adding(months: Int) -> LocalDate {
    let index = year * 12 + (month - 1) + months
    let y = index >= 0 ? index / 12 : (index - 11) / 12
    let m = index - y * 12 + 1
    let d = min(day, LocalDate.days(inMonth: m, year: y))
    return LocalDate(year: y, month: m, day: d) ?? self
  }

  /// The last day of this date's month.
  package var endOfMonth: LocalDate {
    LocalDate(year: year, month: month, day: LocalDate.days(inMonth: month, year: year)) ?? self
  }

  /// Days in `month` of `year`.
  ///
  /// - Parameters:
  ///   - month: 1…12.
  ///   - year: the year.
  /// - Returns: 28…31.
  package static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  package static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

  /// `YYYY-MM-DD`.
  package var description: String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }
}
