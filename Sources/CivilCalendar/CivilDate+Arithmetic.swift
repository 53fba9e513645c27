/// Day of the week, numbered as ISO 8601 does (Monday = 1 … Sunday = 7).
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
  case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

  public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

  public var isWeekend: Bool { self == .saturday || self == .sunday }
}

extension CivilDate {
  public var weekday: Weekday {
    // 1970-01-01 was a Thursday (ISO 4).
    let r = ((dayNumber % 7) + 7) % 7
    return Weekday(rawValue: (r + 3) % 7 + 1) ?? .monday
  }

  public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

  /// Adds calendar months; a day that does not exist in the target month is clamped to its
  /// last day (31 Jan + 1 month = 28/29 Feb), as 민법 §160 counts periods.
  public func adding(months: Int) -> CivilDate {
    let index = year * 12 + (month - 1) + months
    let y = index >= 0 ? index / 12 : (index - 11) / 12
    let m = index - y * 12 + 1
    let d = min(day, CivilDate.daysIn(year: y, month: m))
    return CivilDate(year: y, month: m, day: d) ?? self
  }

  /// Adds years, clamping 29 Feb to 28 Feb in a common year (see `anniversary` for the other rule).
  public func adding(years: Int) -> CivilDate { adding(months: years * 12) }

  /// The same month and day `years` later; 29 Feb falls on 1 Mar in a common year.
  ///
  /// This is how birthdays and licence anniversaries are counted (someone born on 29 Feb turns
  /// a year older on 1 Mar), unlike `adding(years:)`, which clamps to the month's end.
  public func anniversary(years: Int) -> CivilDate {
    let y = year + years
    if month == 2, day == 29, !CivilDate.isLeap(y) {
      return CivilDate(year: y, month: 3, day: 1) ?? self
    }
    return CivilDate(year: y, month: month, day: day) ?? self
  }

  public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

  public var startOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1) ?? self }

  public var endOfMonth: CivilDate {
    CivilDate(year: year, month: month, day: CivilDate.daysIn(year: year, month: month)) ?? self
  }

  public var startOfYear: CivilDate { CivilDate(year: year, month: 1, day: 1) ?? self }

  public var endOfYear: CivilDate { CivilDate(year: year, month: 12, day: 31) ?? self }

  /// Completed years of age on `date` (만 나이): the birthday must have been reached.
  ///
  /// A 29 Feb birthday is reached on 1 Mar in common years, matching `anniversary(years:)`.
  public func age(on date: CivilDate) -> Int {
    var years = date.year - year
    if (date.month, date.day) < (month, day) { years -= 1 }
    return years
  }
}
