import Foundation

/// Converts Korean lunar dates to Gregorian ones with Foundation's `dangi` calendar.
///
/// The Korean calendar (KASI, new moons computed at UTC+9) differs from the Chinese one (UTC+8)
/// in some years: 설날 2027 is 7 Feb in Korea and 6 Feb in China. Never use `.chinese` here.
/// Checked against `korean-lunar-calendar` for 1990–2050 by `LunarCalendarTests`.
enum KoreanLunarCalendar {
  private static let seoul =
    TimeZone(identifier: "Asia/Seoul") ?? TimeZone(secondsFromGMT: 9 * 3600)

  private static let dangi: Calendar = {
    var calendar = Calendar(identifier: .dangi)
    if let seoul { calendar.timeZone = seoul }
    return calendar
  }()

  private static let gregorian: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    if let seoul { calendar.timeZone = seoul }
    return calendar
  }()

  /// The Gregorian date of lunar `month`/`day` (not a leap month) in the lunar year that
  /// begins in Gregorian `year`; nil when Foundation cannot represent it exactly.
  ///
  /// - Parameters:
  ///   - year: The Gregorian year in which the lunar year starts (설날 falls in January or
  ///     February of it).
  ///   - month: The lunar month, 1–12.
  ///   - day: The lunar day, 1–30.
  /// - Returns: The Gregorian date, or nil if the lunar month has no such day.
  static func gregorianDate(lunarYearStartingIn year: Int, month: Int, day: Int) -> CivilDate? {
    // 1 July always lies inside the lunar year that began in January or February.
    guard let midYear = gregorian.date(from: DateComponents(year: year, month: 7, day: 1, hour: 12))
    else { return nil }
    var lunar = dangi.dateComponents([.era, .year], from: midYear)
    lunar.month = month
    lunar.day = day
    lunar.isLeapMonth = false
    lunar.hour = 12
    guard let instant = dangi.date(from: lunar) else { return nil }
    // Foundation normalises impossible dates (30th of a 29-day month) instead of failing.
    let back = dangi.dateComponents([.era, .year, .month, .day], from: instant)
    guard back.era == lunar.era, back.year == lunar.year, back.month == month, back.day == day,
      back.isLeapMonth != true
    else { return nil }
    let solar = gregorian.dateComponents([.year, .month, .day], from: instant)
    guard let y = solar.year, let m = solar.month, let d = solar.day else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }
}
